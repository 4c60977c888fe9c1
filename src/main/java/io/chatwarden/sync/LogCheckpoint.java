package io.chatwarden.sync;

import java.time.Instant;
import java.util.List;

/**
 * Where one event type's log listing stands, in the sync-state index beside the other
 * checkpoints.
 *
 * @param resource {@code logs/<EVENT_TYPE>}
 * @param cursor the ISO {@code after} of the page under way (or of the next run)
 * @param filesDone the files of that page already stored, so that neither a resumed page
 * nor the boundary file served again is read twice
 */
record LogCheckpoint(String resource, String cursor, List<String> filesDone, Instant lastSuccessAt, Instant updatedAt) {

	LogCheckpoint {
		filesDone = (filesDone == null) ? List.of() : List.copyOf(filesDone);
	}

}
