package io.chatwarden.files;

import java.time.Instant;

/**
 * Published after each fetch run, so that work reading file text (DLP findings) runs on
 * fresh data.
 */
public record FilesFetched(FileRun run, Instant finishedAt) {
}
