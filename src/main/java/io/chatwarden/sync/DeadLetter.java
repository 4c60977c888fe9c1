package io.chatwarden.sync;

import java.time.Instant;

/**
 * A source record that could not be stored, kept whole with the reason so that nothing is
 * lost and the mapping can be fixed and the record replayed.
 *
 * @param payload the source record as JSON (a log line as it came), masked by DLP
 * @param position where it was read: the checkpoint it belongs to and the page, or the
 * log file and line
 */
record DeadLetter(String resource, String sourceId, String reason, String payload, Instant at, String position) {

	/**
	 * Stable per record, so a retried page does not add a second letter for the same
	 * record.
	 */
	String documentId() {
		return this.resource + ":" + (this.sourceId != null ? this.sourceId
				: Integer.toHexString(this.payload == null ? 0 : this.payload.hashCode()));
	}

}
