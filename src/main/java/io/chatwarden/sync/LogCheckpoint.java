package io.chatwarden.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one event type's log files stand, in the sync-state index beside the other
 * checkpoints. Files come in ascending {@code end_time}, and a file is committed only
 * after its documents were acknowledged.
 *
 * @param resource {@code logs/<EVENT_TYPE>}
 * @param cursor the {@code end_time} of the last file committed: the next listing starts
 * there (and serves that boundary file again)
 * @param filesDone the files committed that end at {@code cursor}, so that neither the
 * boundary file nor a resumed page is read twice
 * @param runStartedAt the start of a run not yet completed: conversations its messages
 * touched are rebuilt from there, even after a crash
 */
record LogCheckpoint(String resource, String cursor, List<String> filesDone, Instant runStartedAt,
		Instant lastSuccessAt, Instant updatedAt) {

	LogCheckpoint {
		filesDone = (filesDone == null) ? List.of() : List.copyOf(filesDone);
	}

	static LogCheckpoint empty(String resource) {
		return new LogCheckpoint(resource, null, List.of(), null, null, null);
	}

	boolean done(String fileId, String endTime) {
		return endTime != null && endTime.equals(this.cursor) && this.filesDone.contains(fileId);
	}

	/** After one more file, committed in end-time order. */
	LogCheckpoint committed(String fileId, String endTime, Instant now) {
		if (endTime == null || endTime.equals(this.cursor)) {
			List<String> done = new ArrayList<>(this.filesDone);
			done.add(fileId);
			return new LogCheckpoint(this.resource, this.cursor, done, this.runStartedAt, this.lastSuccessAt, now);
		}
		return new LogCheckpoint(this.resource, endTime, List.of(fileId), this.runStartedAt, this.lastSuccessAt, now);
	}

	LogCheckpoint started(Instant runStartedAt, Instant now) {
		return new LogCheckpoint(this.resource, this.cursor, this.filesDone,
				(this.runStartedAt != null) ? this.runStartedAt : runStartedAt, this.lastSuccessAt, now);
	}

	LogCheckpoint completed(Instant now) {
		return new LogCheckpoint(this.resource, this.cursor, this.filesDone, null, now, now);
	}

}
