package io.chatwarden.sync;

import java.time.Instant;

/**
 * A snapshot of one resource's sync progress.
 *
 * @param fetched records received from the API in the current (or last) run
 * @param indexed documents acknowledged by OpenSearch
 * @param failed records dead-lettered
 * @param ratePerSecond records fetched per second
 * @param note information that is not an error (why it was skipped, a retired source, a
 * log type the workspace does not serve)
 */
public record ResourceProgressView(String resource, SyncState state, long fetched, long indexed, long failed,
		double ratePerSecond, Instant startedAt, Instant finishedAt, String lastError, String note) {
}
