package io.chatwarden.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Rejected tokens per client address: past
 * {@code chatwarden.security.failed-authentications-per-minute} in a minute, every
 * request from that address gets 429 until the minute ends, so a token cannot be guessed
 * at network speed. Runs before authentication (Spring Security's chain is at -100). The
 * address is the socket peer, or what a trusted proxy forwarded when
 * {@code server.forward-headers-strategy} says so.
 */
@Component
@Order(-200)
class FailedAuthentications implements WebFilter {

	private final MinuteWindows failures;

	private final int limit;

	FailedAuthentications(SecurityProperties properties, Clock clock) {
		this.failures = new MinuteWindows(clock);
		this.limit = properties.failedAuthenticationsPerMinute();
	}

	void record(ServerHttpRequest request) {
		this.failures.add(address(request), 1);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		boolean guarded = path.startsWith("/graphql") || path.startsWith("/api/")
				|| (path.startsWith("/actuator") && !path.startsWith("/actuator/health"));
		if (!guarded || this.failures.count(address(exchange.getRequest())) < this.limit) {
			return chain.filter(exchange);
		}
		return tooManyRequests(exchange.getResponse(), this.failures.secondsLeft(),
				"Too many rejected tokens from this address; try again later");
	}

	static String address(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return remote == null || remote.getAddress() == null ? "?" : remote.getAddress().getHostAddress();
	}

	static Mono<Void> tooManyRequests(ServerHttpResponse response, long retryAfter, String message) {
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		response.getHeaders().set("Retry-After", Long.toString(retryAfter));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] body = ("{\"error\":\"too_many_requests\",\"message\":\"" + message + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
