package io.chatwarden.archive;

import java.time.Instant;
import java.util.List;

/**
 * What one retention run did.
 *
 * @param at when it ran
 * @param outcome what it decided
 * @param cutoff documents before this could be deleted; null when nothing could
 * @param deleted the generations (concrete indices) it deleted
 */
public record RetentionRun(Instant at, Outcome outcome, Instant cutoff, List<String> deleted) {

	public RetentionRun {
		deleted = List.copyOf(deleted);
	}

	/** What a retention run decided. */
	public enum Outcome {

		/** No retention is configured: everything is kept. */
		KEEP_FOREVER,

		/** A legal hold blocks every deletion. */
		LEGAL_HOLD,

		/** A sync held the sync lease: nothing was deleted; try again later. */
		SYNC_RUNNING,

		/** Every expired generation was deleted (possibly none). */
		APPLIED

	}

}
