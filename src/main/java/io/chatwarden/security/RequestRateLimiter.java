package io.chatwarden.security;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * At most {@code chatwarden.security.requests-per-minute} API requests per caller in any
 * minute; more get 429 with {@code Retry-After}. A caller is keyed by its token id (two
 * tokens may share a name), JWT subject, or address when anonymous. Each HTTP request
 * counts one here; {@link RootFieldCharge} adds the extra root fields of a GraphQL
 * request, so 300 aliased searches in one request cost 300.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class RequestRateLimiter implements WebFilter {

	private final MinuteWindows windows;

	private final int limit;

	RequestRateLimiter(SecurityProperties properties, Clock clock) {
		this.windows = new MinuteWindows(clock);
		this.limit = properties.requestsPerMinute();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (!path.startsWith("/graphql") && !path.startsWith("/api/")) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.map(context -> key(context.getAuthentication(), exchange))
			.defaultIfEmpty(anonymousKey(exchange))
			.flatMap(key -> charge(key, 1) ? chain.filter(exchange) : FailedAuthentications.tooManyRequests(
					exchange.getResponse(), this.windows.secondsLeft(), "Too many requests; try again later"));
	}

	/** Counts {@code amount} requests against a caller; false once over the limit. */
	boolean charge(String key, int amount) {
		return this.windows.add(key, amount) <= this.limit;
	}

	long secondsLeft() {
		return this.windows.secondsLeft();
	}

	static String key(Caller caller) {
		return caller.key();
	}

	private static String key(Authentication authentication, ServerWebExchange exchange) {
		if (authentication == null) {
			return anonymousKey(exchange);
		}
		return authentication.getPrincipal() instanceof Caller caller ? caller.key()
				: "other:" + authentication.getName();
	}

	private static String anonymousKey(ServerWebExchange exchange) {
		return "anonymous:" + FailedAuthentications.address(exchange.getRequest());
	}

}
