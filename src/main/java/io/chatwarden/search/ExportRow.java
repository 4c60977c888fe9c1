package io.chatwarden.search;

import java.util.List;

/**
 * One exported message with its conversation's fields: the columns of a CSV export and
 * the fields of an NDJSON line. Multi-valued fields stay lists here; CSV joins them into
 * one cell. Times are ISO-8601 text as {@link java.time.Instant#toString} writes them.
 * Read from OpenSearch's bytes by {@link ExportPage}, written by {@link ExportLines}.
 */
record ExportRow(String conversationId, String conversationTitle, String userEmail, String conversationLastActiveAt,
		String messageId, int position, String role, String toolName, String gptId, String createdAt, String text,
		List<String> fileNames, List<String> citationUrls, List<String> dlpDetectors) {

	static final List<String> COLUMNS = List.of("conversationId", "conversationTitle", "userEmail",
			"conversationLastActiveAt", "messageId", "position", "role", "toolName", "gptId", "createdAt", "text",
			"fileNames", "citationUrls", "dlpDetectors");

	/** The values in {@link #COLUMNS} order. */
	List<Object> values() {
		return java.util.Arrays.asList(this.conversationId, this.conversationTitle, this.userEmail,
				this.conversationLastActiveAt, this.messageId, this.position, this.role, this.toolName, this.gptId,
				this.createdAt, this.text, this.fileNames, this.citationUrls, this.dlpDetectors);
	}

}
