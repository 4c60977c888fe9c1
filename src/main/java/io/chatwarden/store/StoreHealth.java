package io.chatwarden.store;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The store's part of readiness: a load balancer stops sending traffic while OpenSearch
 * is away, and sends it again once the cluster answers.
 */
@Component("store")
class StoreHealth implements ReactiveHealthIndicator {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final RawRequests requests;

	StoreHealth(RawRequests requests) {
		this.requests = requests;
	}

	@Override
	public Mono<Health> health() {
		return this.requests.send("GET", "/_cluster/health", null)
			.map(response -> response.ok() && !response.body().contains("\"status\":\"red\"") ? Health.up().build()
					: Health.down().withDetail("status", response.status()).build())
			.timeout(TIMEOUT)
			.onErrorResume(ex -> Mono.just(Health.down().withDetail("error", ex.getClass().getSimpleName()).build()));
	}

}
