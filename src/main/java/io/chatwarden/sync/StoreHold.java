package io.chatwarden.sync;

import java.io.IOException;

import io.chatwarden.store.StoreFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The store being away is a pause, not a loss: a write (or checkpoint) that fails because
 * OpenSearch cannot take it (connection failures, time-outs, a read-only block, 429 or
 * 503) is tried again with a capped backoff for up to
 * {@code chatwarden.sync.recovery.store-max-wait}, its checkpoint held meanwhile, and the
 * resource shows {@link SyncState#HELD} in {@code syncStatus}. Other failures pass at
 * once.
 */
@Component
class StoreHold {

	private static final Log log = LogFactory.getLog(StoreHold.class);

	private final FailureLog failures = new FailureLog(log);

	private final SyncProgress progress;

	private final Backoff backoff;

	StoreHold(SyncProgress progress, SyncRecoveryProperties properties) {
		this.progress = progress;
		this.backoff = new Backoff(properties.storeMinBackoff(), properties.storeMaxBackoff(),
				properties.storeMaxWait());
	}

	/**
	 * Whether a failure means the store cannot take writes now: besides what
	 * {@link StoreFailures} says, any I/O failure of a request (a document OpenSearch
	 * rejects comes back as an item of an answer, never as a failed request).
	 */
	static boolean unavailable(Throwable failure) {
		if (failure instanceof StoreUnavailableException || StoreFailures.unavailable(failure)) {
			return true;
		}
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The operation, subscribed again while the store is away.
	 * @param resource the resource whose progress shows the hold (a checkpoint id such as
	 * {@code logs/AUDIT_LOG} counts for {@code logs})
	 */
	<T> Mono<T> hold(String resource, Mono<T> operation) {
		return Mono.defer(() -> held(resource, operation));
	}

	private <T> Mono<T> held(String resource, Mono<T> operation) {
		String shown = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
		ResourceProgress counters = this.progress.of(shown);
		boolean[] held = new boolean[1];
		return operation.retryWhen(this.backoff.retry(StoreHold::unavailable, (signal) -> {
			String reason = FailureLog.reason(signal.failure());
			if (!held[0]) {
				held[0] = true;
				this.failures.warn("OpenSearch cannot take the " + resource + " writes (" + reason
						+ "): holding the checkpoint and retrying", signal.failure());
			}
			if (counters != null) {
				counters.hold("Waiting for OpenSearch: " + reason);
			}
		})).doOnEach((signal) -> {
			if (held[0] && (signal.isOnNext() || signal.isOnComplete())) {
				held[0] = false;
				log.info("OpenSearch takes the " + resource + " writes again: going on");
				if (counters != null) {
					counters.resume();
				}
			}
		}).doOnError((ex) -> {
			if (held[0] && unavailable(ex)) {
				this.failures.warn("Gave up waiting for OpenSearch on " + resource + ": " + FailureLog.reason(ex), ex);
			}
		});
	}

}
