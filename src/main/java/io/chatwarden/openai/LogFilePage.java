package io.chatwarden.openai;

import java.util.List;

/**
 * One page of the Compliance Logs Platform's file listing.
 *
 * @param fileIds the log files of the page, in the order served
 * @param lastEndTime the ISO end time to send as the next {@code after}; null on an empty
 * page, where the caller keeps its previous cursor
 * @param hasMore whether another page follows; the only end-of-list signal
 */
public record LogFilePage(List<String> fileIds, String lastEndTime, boolean hasMore) {

	public LogFilePage {
		fileIds = List.copyOf(fileIds);
	}

}
