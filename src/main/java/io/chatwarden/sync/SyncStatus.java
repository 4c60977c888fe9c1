package io.chatwarden.sync;

import java.time.Instant;
import java.util.List;

/**
 * The sync as the API shows it: whether it runs, when it last succeeded, and each
 * resource's progress.
 *
 * @param warnings what deserves attention without being an error, such as a gap since the
 * last successful run longer than the Logs Platform keeps events
 */
public record SyncStatus(boolean running, Instant startedAt, Instant lastSuccessAt, String lastError,
		List<ResourceProgressView> resources, List<String> warnings) {
}
