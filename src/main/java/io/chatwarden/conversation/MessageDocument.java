package io.chatwarden.conversation;

import java.time.Instant;
import java.util.List;

import io.chatwarden.openai.ComplianceConversation;
import io.chatwarden.openai.ComplianceMessage;
import io.chatwarden.openai.FileRef;

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

	public static MessageDocument from(ComplianceConversation conversation, ComplianceMessage message, int position,
			Instant syncedAt) {
		return new MessageDocument(message.id(), conversation.id(), message.parentId(), position, message.role(),
				message.toolName(), message.contentType(), message.text(), message.createdAt(), message.gptId(),
				message.projectId(), conversation.userId(), conversation.userEmail(), conversation.title(),
				conversation.lastActiveAt(), message.citationUrls(),
				message.files().stream().map(FileDocument::from).toList(), null, null, null, null, null, null,
				syncedAt);
	}

	/** This message with what DLP found in it (never the raw values). */
	public MessageDocument withDlp(List<DlpMatch> matches) {
		List<String> detectors = matches.stream().map(DlpMatch::detector).distinct().sorted().toList();
		return new MessageDocument(this.id, this.conversationId, this.parentId, this.position, this.role, this.toolName,
				this.contentType, this.text, this.createdAt, this.gptId, this.projectId, this.userId, this.userEmail,
				this.conversationTitle, this.conversationLastActiveAt, this.citationUrls, this.files, this.model,
				this.toolsUsed, this.clientType, this.contentSource, detectors.isEmpty() ? null : detectors,
				matches.isEmpty() ? null : List.copyOf(matches), this.syncedAt);
	}

	/** A file attached to a message: its id and name only. */
	public record FileDocument(String id, String name) {

		static FileDocument from(FileRef file) {
			return new FileDocument(file.id(), file.name());
		}

	}

}
