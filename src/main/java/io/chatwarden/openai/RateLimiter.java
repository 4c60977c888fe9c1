package io.chatwarden.openai;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A non-blocking token bucket per endpoint template: {@code capacity} tokens, each coming
 * back one window after it was taken, so bursts pass but no window ever holds more than
 * {@code capacity} calls.
 */
final class RateLimiter {

	private final int capacity;

	private final long windowMillis;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimiter(int capacity, Duration window) {
		this.capacity = capacity;
		this.windowMillis = window.toMillis();
	}

	/**
	 * Completes when a call to the endpoint may start; waits on a timer, never on a
	 * thread.
	 */
	Mono<Void> acquire(String endpoint) {
		return Mono.defer(() -> {
			// The parallel scheduler's clock, so that virtual-time tests drive both the
			// clock and Mono.delay.
			long now = Schedulers.parallel().now(TimeUnit.MILLISECONDS);
			long wait = this.buckets.computeIfAbsent(endpoint, (key) -> new Bucket()).reserve(now);
			return (wait <= 0) ? Mono.empty() : Mono.delay(Duration.ofMillis(wait)).then();
		});
	}

	/**
	 * The start times of the last {@code capacity} calls, in a ring: the next call may
	 * start one window after the oldest. A call reserves its start time up front, so
	 * waiting callers are served in order; a cancelled wait only wastes its slot.
	 */
	private final class Bucket {

		private final long[] starts = new long[RateLimiter.this.capacity];

		private int oldest;

		Bucket() {
			java.util.Arrays.fill(this.starts, Long.MIN_VALUE / 2);
		}

		synchronized long reserve(long now) {
			long start = Math.max(now, this.starts[this.oldest] + RateLimiter.this.windowMillis);
			this.starts[this.oldest] = start;
			this.oldest = (this.oldest + 1) % this.starts.length;
			return start - now;
		}

	}

}
