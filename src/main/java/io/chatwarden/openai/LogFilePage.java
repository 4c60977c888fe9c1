package io.chatwarden.openai;

import java.util.List;

/**
 * One page of the Compliance Logs Platform's file listing.
 *
 * @param files the log files of the page, in the order served (ascending end time)
 * @param lastEndTime the ISO end time to send as the next {@code after}; null on an empty
 * page, where the caller keeps its previous cursor
 * @param hasMore whether another page follows; the only end-of-list signal
 */
public record LogFilePage(List<LogFile> files, String lastEndTime, boolean hasMore) {

	public LogFilePage {
		files = List.copyOf(files);
	}

	/**
	 * A listed file with the metadata the listing carries.
	 *
	 * @param endTime ISO end time of the events it holds (null when the server omits it)
	 * @param size bytes, or -1 when not listed
	 * @param sha256 hex digest to verify the download against, or null when not listed
	 */
	public record LogFile(String id, String eventType, String endTime, String fileName, long size, String sha256) {
	}

}
