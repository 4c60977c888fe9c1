package io.chatwarden.conversation;

import java.time.Instant;
import java.util.List;

/**
 * One message as stored in the messages index, the unit of full-text search. It repeats a
 * few conversation fields (user, title, last activity) so that search can filter and sort
 * without a join.
 *
 * @param position the message's place in reading order within its conversation
 */
public record MessageDocument(String id, String conversationId, String parentId, int position, String role,
		String toolName, String contentType, String text, Instant createdAt, String gptId, String projectId,
		String userId, String userEmail, String conversationTitle, Instant conversationLastActiveAt,
		List<String> citationUrls, List<FileDocument> files, String model, List<String> toolsUsed, String clientType,
		String contentSource, List<String> dlpDetectors, List<DlpMatch> dlp, Instant syncedAt) {

	/** The same message, sorted by another last activity of its conversation. */
	public MessageDocument withConversationLastActiveAt(Instant lastActive) {
		return new MessageDocument(this.id, this.conversationId, this.parentId, this.position, this.role, this.toolName,
				this.contentType, this.text, this.createdAt, this.gptId, this.projectId, this.userId, this.userEmail,
				this.conversationTitle, lastActive, this.citationUrls, this.files, this.model, this.toolsUsed,
				this.clientType, this.contentSource, this.dlpDetectors, this.dlp, this.syncedAt);
	}

	/** A file attached to a message: its id and name only. */
	public record FileDocument(String id, String name) {
	}

}
