package io.chatwarden.sync;

import java.time.Instant;

/**
 * Published after every sync run (even a partly failed one), so that work which reads the
 * copy — finding evaluation — runs on fresh data.
 *
 * @param status the sync's status at the end of the run
 * @param finishedAt when the run ended
 */
public record SyncCompleted(SyncStatus status, Instant finishedAt) {
}
