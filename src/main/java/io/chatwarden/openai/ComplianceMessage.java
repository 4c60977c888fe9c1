package io.chatwarden.openai;

import java.time.Instant;
import java.util.List;

/**
 * One message of a conversation. Messages form a tree through {@code parentId}.
 *
 * @param createdAt null for many system messages
 * @param role user, assistant, system or tool
 * @param toolName null unless a tool wrote it (python, browser, dalle, myfiles_browser,
 * …)
 * @param text null when the API serves no content (unsupported tools, system messages)
 */
public record ComplianceMessage(String id, String parentId, Instant createdAt, String gptId, String projectId,
		String role, String toolName, String contentType, String text, List<String> citationUrls, List<FileRef> files) {

	public ComplianceMessage {
		citationUrls = citationUrls == null ? List.of() : List.copyOf(citationUrls);
		files = files == null ? List.of() : List.copyOf(files);
	}

}
