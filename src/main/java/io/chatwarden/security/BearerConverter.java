package io.chatwarden.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads {@code Authorization: Bearer …}. Without a header, a request the
 * {@link LocalDemoAdmin} accepts is the local demo admin, so the two-command demo needs
 * no credentials; never otherwise.
 */
class BearerConverter implements ServerAuthenticationConverter {

	private final LocalDemoAdmin localDemoAdmin;

	BearerConverter(LocalDemoAdmin localDemoAdmin) {
		this.localDemoAdmin = localDemoAdmin;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
			return Mono.just(new BearerValue(header.substring(7).trim()));
		}
		if (header == null && this.localDemoAdmin.grants(exchange.getRequest())) {
			return Mono.just(new CallerAuthentication(LocalDemoAdmin.CALLER));
		}
		return Mono.empty();
	}

}
