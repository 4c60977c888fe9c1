package io.chatwarden.archive;

import java.time.Instant;

/**
 * The retention as the API shows it.
 *
 * @param keepFor the retention as an ISO-8601 duration; null keeps everything forever
 * @param legalHold whether a legal hold blocks every deletion
 * @param deletesBefore documents older than this are deleted (whole generations at a
 * time); null when nothing is deleted
 * @param keptSince messages and events before this were deleted; null when nothing was
 */
public record RetentionView(String keepFor, boolean legalHold, Instant deletesBefore, Instant keptSince) {
}
