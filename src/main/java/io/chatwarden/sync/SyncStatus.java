package io.chatwarden.sync;

import java.time.Instant;
import java.util.List;

/**
 * The sync as the API shows it: whether it runs, when it last succeeded, and each
 * resource's progress.
 *
 * @param warnings what deserves attention without being an error, such as a gap since the
 * last successful run longer than the Logs Platform keeps events
 * @param outcome {@code RUNNING}, {@code HELD} (running, waiting for OpenSearch to take
 * writes again), or how the last run ended: {@code SUCCESS}, {@code PARTIAL} (records
 * were dead-lettered) or {@code FAILED}; null before the first run
 * @param nextRetryAt when a failed run is retried (sooner than the interval)
 */
public record SyncStatus(boolean running, Instant startedAt, Instant lastSuccessAt, String lastError,
		List<ResourceProgressView> resources, List<String> warnings, String outcome, Instant nextRetryAt) {
}
