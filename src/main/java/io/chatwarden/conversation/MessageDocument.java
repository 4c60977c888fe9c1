package io.chatwarden.conversation;

import java.time.Instant;
import java.util.List;

/**
 * One message as stored in the messages index, the unit of full-text search. It repeats a
 * few conversation fields (user, title, last activity) so that search can filter and sort
 * without a join.
 *
 * @param position the message's place in reading order within its conversation
 * @param conversationCreatedAt when its conversation started, as the logs tell it (null
 * from the stateful API): the logs' conversation documents are built from their messages
 * @param pinned whether its conversation was pinned when the message was logged
 * @param temporary whether its conversation was temporary when the message was logged
 */
public record MessageDocument(String id, String conversationId, String parentId, int position, String role,
		String toolName, String contentType, String text, Instant createdAt, String gptId, String projectId,
		String userId, String userEmail, String conversationTitle, Instant conversationLastActiveAt,
		List<String> citationUrls, List<FileDocument> files, String model, List<String> toolsUsed, String clientType,
		String contentSource, List<String> dlpDetectors, List<DlpMatch> dlp, Instant syncedAt,
		Instant conversationCreatedAt, Boolean pinned, Boolean temporary) {

	/** Without the conversation fields only the logs know. */
	public MessageDocument(String id, String conversationId, String parentId, int position, String role,
			String toolName, String contentType, String text, Instant createdAt, String gptId, String projectId,
			String userId, String userEmail, String conversationTitle, Instant conversationLastActiveAt,
			List<String> citationUrls, List<FileDocument> files, String model, List<String> toolsUsed,
			String clientType, String contentSource, List<String> dlpDetectors, List<DlpMatch> dlp, Instant syncedAt) {
		this(id, conversationId, parentId, position, role, toolName, contentType, text, createdAt, gptId, projectId,
				userId, userEmail, conversationTitle, conversationLastActiveAt, citationUrls, files, model, toolsUsed,
				clientType, contentSource, dlpDetectors, dlp, syncedAt, null, null, null);
	}

	/** The same message, sorted by another last activity of its conversation. */
	public MessageDocument withConversationLastActiveAt(Instant lastActive) {
		return new MessageDocument(this.id, this.conversationId, this.parentId, this.position, this.role, this.toolName,
				this.contentType, this.text, this.createdAt, this.gptId, this.projectId, this.userId, this.userEmail,
				this.conversationTitle, lastActive, this.citationUrls, this.files, this.model, this.toolsUsed,
				this.clientType, this.contentSource, this.dlpDetectors, this.dlp, this.syncedAt,
				this.conversationCreatedAt, this.pinned, this.temporary);
	}

	/** A file attached to a message: its id and name only. */
	public record FileDocument(String id, String name) {
	}

}
