package io.chatwarden.lease;

import java.time.Instant;

/**
 * A lease as the API shows it.
 *
 * @param name the job it guards: sync, findings or snapshot
 * @param holder the instance holding it, or null when free
 * @param expiresAt when it lapses unless renewed
 * @param lastCompletedAt when the job last completed, on any instance
 * @param lastCompletedBy the instance that completed it
 */
public record LeaseView(String name, String holder, Instant expiresAt, Instant lastCompletedAt,
		String lastCompletedBy) {
}
