package io.chatwarden.findings;

import java.time.Instant;

/**
 * An alert in the outbox: written when its finding opens, marked when delivered (or given
 * up on), so that an alert survives a restart between the two. An instance claims an
 * alert before sending it (optimistic concurrency), so of several instances one sends it.
 *
 * @param payload the JSON body to POST
 */
record PendingAlert(String id, String findingId, String payload, Instant createdAt, Instant deliveredAt,
		Instant failedAt, String lastError, String claimedBy, Instant claimedUntil) {

	PendingAlert(String id, String findingId, String payload, Instant createdAt, Instant deliveredAt, Instant failedAt,
			String lastError) {
		this(id, findingId, payload, createdAt, deliveredAt, failedAt, lastError, null, null);
	}

	PendingAlert delivered(Instant at) {
		return new PendingAlert(this.id, this.findingId, this.payload, this.createdAt, at, null, null, this.claimedBy,
				null);
	}

	PendingAlert failed(Instant at, String error) {
		return new PendingAlert(this.id, this.findingId, this.payload, this.createdAt, null, at, error, this.claimedBy,
				null);
	}

	/** Taken by one instance for delivery; others skip it until the claim lapses. */
	PendingAlert claimed(String by, Instant until) {
		return new PendingAlert(this.id, this.findingId, this.payload, this.createdAt, null, null, null, by, until);
	}

}
