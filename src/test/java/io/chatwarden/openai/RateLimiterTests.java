package io.chatwarden.openai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link RateLimiter}, in virtual time. */
class RateLimiterTests {

	@Test
	void shouldAllowBurstThenSpaceCallsSoNoWindowHoldsMoreThanCapacity() {
		List<Long> starts = new CopyOnWriteArrayList<>();
		StepVerifier.withVirtualTime(() -> {
			RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1));
			return Flux.range(0, 7)
				.flatMap((i) -> limiter.acquire("/users")
					.doOnSuccess((done) -> starts.add(Schedulers.parallel().now(TimeUnit.SECONDS))));
		}).thenAwait(Duration.ofMinutes(5)).verifyComplete();
		assertThat(starts).containsExactly(0L, 0L, 0L, 60L, 60L, 60L, 120L);
		assertAtMostPerWindow(starts, 3, 60);
	}

	@Test
	void shouldReleaseEachTokenOneWindowAfterItsUse() {
		List<Long> starts = new CopyOnWriteArrayList<>();
		StepVerifier.withVirtualTime(() -> {
			RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1));
			Mono<Void> call = limiter.acquire("/users")
				.doOnSuccess((done) -> starts.add(Schedulers.parallel().now(TimeUnit.SECONDS)));
			// One call now, then three at 30 s: one fits, the next two wait for the
			// tokens of 0 s and 30 s.
			return call.then(Mono.delay(Duration.ofSeconds(30))).thenMany(Flux.range(0, 3).concatMap((i) -> call));
		}).thenAwait(Duration.ofMinutes(3)).verifyComplete();
		assertThat(starts).containsExactly(0L, 30L, 60L, 90L);
		assertAtMostPerWindow(starts, 2, 60);
	}

	@Test
	void shouldKeepOneBucketPerEndpoint() {
		StepVerifier.withVirtualTime(() -> {
			RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1));
			return limiter.acquire("/users").then(limiter.acquire("/gpts"));
		}).expectSubscription().expectComplete().verify(Duration.ofSeconds(5));
	}

	private static void assertAtMostPerWindow(List<Long> starts, int capacity, long windowSeconds) {
		for (long from : starts) {
			long inWindow = starts.stream().filter((t) -> t >= from && t < from + windowSeconds).count();
			assertThat(inWindow).as("calls in [%d s, %d s)", from, from + windowSeconds).isLessThanOrEqualTo(capacity);
		}
	}

}
