package io.chatwarden.archive;

import java.time.Instant;

/**
 * A snapshot as the API shows it.
 *
 * @param state SUCCESS, PARTIAL, FAILED or IN_PROGRESS
 */
public record SnapshotView(String name, String state, Instant startedAt, Instant finishedAt, int indices,
		int failedShards) {
}
