package io.chatwarden.lease;

import java.time.Instant;

/**
 * A lease as stored: who holds it until when (no holder when released), and when the job
 * it guards last completed, which is the schedule every instance shares.
 */
record LeaseDocument(String name, String holder, Instant acquiredAt, Instant expiresAt, Instant lastCompletedAt,
		String lastCompletedBy) {

	boolean heldAt(Instant now) {
		return this.holder != null && this.expiresAt != null && this.expiresAt.isAfter(now);
	}

}
