package io.chatwarden.sync;

import java.time.Instant;

/**
 * Where a resource's sync stands, committed only after the documents before it were
 * acknowledged.
 *
 * @param resource the resource (and, for per-project keys, the project) this is about
 * @param cursor the {@code after} cursor to resume from, or null when no run is under way
 * @param sinceTimestamp the {@code since_timestamp} the interrupted run started from
 * (conversations)
 * @param highWaterMark the start of the last complete run: the next incremental run
 * starts here, less a margin
 * @param runStartedAt when the run that set {@code cursor} started
 * @param lastSuccessAt when a run of this resource last completed
 * @param retiredAt when the source answered 410 (retired); null while it serves
 */
public record Checkpoint(String resource, String cursor, Long sinceTimestamp, Instant highWaterMark,
		Instant runStartedAt, Instant lastSuccessAt, Instant updatedAt, Instant retiredAt) {

	static Checkpoint empty(String resource) {
		return new Checkpoint(resource, null, null, null, null, null, null, null);
	}

	Checkpoint advanced(String cursor, Instant runStartedAt, Long sinceTimestamp, Instant now) {
		return new Checkpoint(this.resource, cursor, sinceTimestamp, this.highWaterMark, runStartedAt,
				this.lastSuccessAt, now, null);
	}

	Checkpoint completed(Instant runStartedAt, Instant now) {
		return new Checkpoint(this.resource, null, null, runStartedAt, null, now, now, null);
	}

	Checkpoint retired(Instant now) {
		return new Checkpoint(this.resource, this.cursor, this.sinceTimestamp, this.highWaterMark, this.runStartedAt,
				this.lastSuccessAt, now, now);
	}

	boolean interrupted() {
		return this.cursor != null;
	}

}
