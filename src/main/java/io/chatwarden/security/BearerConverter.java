package io.chatwarden.security;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads {@code Authorization: Bearer …}. Without a header, a loopback request in demo
 * mode (with no token configured) is the local demo admin, so the two-command demo needs
 * no credentials; never otherwise.
 */
class BearerConverter implements ServerAuthenticationConverter {

	static final Caller LOCAL_DEMO_ADMIN = new Caller("local-demo-admin", "local", null, Role.ADMIN);

	private final boolean localDemoAdmin;

	BearerConverter(boolean localDemoAdmin) {
		this.localDemoAdmin = localDemoAdmin;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
			return Mono.just(new BearerValue(header.substring(7).trim()));
		}
		if (header == null && this.localDemoAdmin && fromLoopback(exchange)) {
			return Mono.just(new CallerAuthentication(LOCAL_DEMO_ADMIN));
		}
		return Mono.empty();
	}

	private static boolean fromLoopback(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress()
				&& !exchange.getRequest().getHeaders().containsHeader("X-Forwarded-For");
	}

}
