package io.chatwarden.findings;

import java.time.Instant;

/**
 * An alert in the outbox: written when its finding opens, marked when delivered (or given
 * up on), so that an alert survives a restart between the two.
 *
 * @param payload the JSON body to POST
 */
record PendingAlert(String id, String findingId, String payload, Instant createdAt, Instant deliveredAt,
		Instant failedAt, String lastError) {

	PendingAlert delivered(Instant at) {
		return new PendingAlert(this.id, this.findingId, this.payload, this.createdAt, at, null, null);
	}

	PendingAlert failed(Instant at, String error) {
		return new PendingAlert(this.id, this.findingId, this.payload, this.createdAt, null, at, error);
	}

}
