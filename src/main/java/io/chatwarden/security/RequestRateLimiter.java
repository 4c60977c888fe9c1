package io.chatwarden.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * At most {@code chatwarden.security.requests-per-minute} API requests per caller (token,
 * JWT subject, or address when anonymous) in any minute; more get 429 with
 * {@code Retry-After}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class RequestRateLimiter implements WebFilter {

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final int limit;

	private final Clock clock;

	RequestRateLimiter(SecurityProperties properties, Clock clock) {
		this.limit = properties.requestsPerMinute();
		this.clock = clock;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (!path.startsWith("/graphql") && !path.startsWith("/api/")) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.map(context -> context.getAuthentication() == null ? anonymousKey(exchange)
					: context.getAuthentication().getName() + "|"
							+ context.getAuthentication().getClass().getSimpleName())
			.defaultIfEmpty(anonymousKey(exchange))
			.flatMap(key -> {
				long minute = this.clock.millis() / 60_000;
				Window window = this.windows.compute(key, (k, current) -> current == null || current.minute != minute
						? new Window(minute, 1) : new Window(minute, current.count + 1));
				if (this.windows.size() > 10_000) {
					this.windows.entrySet().removeIf(entry -> entry.getValue().minute != minute);
				}
				if (window.count > this.limit) {
					exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
					long wait = Duration.ofMinutes(minute + 1).toSeconds() - this.clock.millis() / 1000;
					exchange.getResponse().getHeaders().set("Retry-After", Long.toString(Math.max(1, wait)));
					return exchange.getResponse().setComplete();
				}
				return chain.filter(exchange);
			});
	}

	private static String anonymousKey(ServerWebExchange exchange) {
		var remote = exchange.getRequest().getRemoteAddress();
		return "anonymous|" + (remote == null ? "?" : remote.getAddress().getHostAddress());
	}

	private record Window(long minute, int count) {
	}

}
