package io.chatwarden.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.Retry.RetrySignal;

/**
 * Exponential backoff with jitter, bounded by time rather than by a count of tries: a
 * failure is retried while the failures in a row (nothing emitted between them) have not
 * lasted {@code budget}. Pauses go from {@code min}, doubling, to {@code max}, each
 * between half and all of its nominal length.
 */
record Backoff(Duration min, Duration max, Duration budget) {

	/**
	 * @param retryable which failures to retry (the others fail at once)
	 * @param onRetry told of each retry before its pause
	 */
	Retry retry(Predicate<Throwable> retryable, Consumer<RetrySignal> onRetry) {
		return retry(retryable, onRetry, () -> 0);
	}

	/**
	 * As {@link #retry(Predicate, Consumer)}, where a failure after some progress (the
	 * supplied count moved since the last failure) starts a new series of tries.
	 */
	Retry retry(Predicate<Throwable> retryable, Consumer<RetrySignal> onRetry, LongSupplier progress) {
		return Retry.from((signals) -> Flux.defer(() -> {
			Instant[] since = new Instant[1];
			long[] seen = { progress.getAsLong() };
			long[] inARow = { 0 };
			return signals.concatMap((signal) -> {
				Throwable failure = signal.failure();
				long now = progress.getAsLong();
				if (signal.totalRetriesInARow() == 0 || since[0] == null || now != seen[0]) {
					since[0] = Instant.now();
					seen[0] = now;
					inARow[0] = 0;
				}
				if (!retryable.test(failure) || Duration.between(since[0], Instant.now()).compareTo(this.budget) >= 0) {
					return Mono.error(failure);
				}
				onRetry.accept(signal);
				return Mono.delay(pause(inARow[0]++));
			});
		}));
	}

	/** The pause before the n-th retry in a row (0-based). */
	Duration pause(long retry) {
		long nominal = this.min.toMillis() << Math.min(retry, 20);
		long capped = Math.min(Math.max(nominal, this.min.toMillis()), this.max.toMillis());
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

}
