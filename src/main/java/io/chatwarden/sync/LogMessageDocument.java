package io.chatwarden.sync;

import io.chatwarden.conversation.DlpMatch;
import io.chatwarden.dlp.DlpResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.chatwarden.conversation.MessageDocument.FileDocument;
import io.chatwarden.openai.ConversationMessageEvent;

/**
 * The part of a message document a {@code CONVERSATION_MESSAGE} event knows, merged into
 * the message the stateful sync writes under the same id. Null fields are left out of the
 * merge.
 *
 * @param position set only when the message is new: seconds since the conversation
 * started, so that messages the stateful API never delivered still sort in time order
 * (the stateful reading order replaces it when that path sees the message)
 */
record LogMessageDocument(String id, String conversationId, String parentId, Integer position, String role,
		String toolName, String contentType, String text, Instant createdAt, String gptId, String projectId,
		String userId, String userEmail, String conversationTitle, List<String> citationUrls, List<FileDocument> files,
		String model, List<String> toolsUsed, String clientType, String contentSource, String logEventId,
		List<String> dlpDetectors, List<DlpMatch> dlp, Instant syncedAt) {

	static LogMessageDocument from(ConversationMessageEvent event, Instant syncedAt) {
		Instant created = (event.createdAt() != null) ? event.createdAt() : event.timestamp();
		int position = (created != null && event.conversationCreatedAt() != null)
				? (int) Math.max(0, Duration.between(event.conversationCreatedAt(), created).toSeconds()) : 0;
		return new LogMessageDocument(event.messageId(), event.conversationId(), event.parentId(), position,
				event.role(), event.toolName(), event.contentType(), event.text(), event.createdAt(), event.gptId(),
				event.projectId(), event.userId(), event.userEmail(), event.title(), event.citationUrls(),
				event.files().stream().map(file -> new FileDocument(file.id(), file.name())).toList(), event.model(),
				event.toolsUsed().isEmpty() ? null : event.toolsUsed(), event.clientType(), "logs", event.eventId(),
				null, null, syncedAt);
	}

	/**
	 * This message with its text redacted and what DLP found, as the stateful path stores
	 * it.
	 */
	LogMessageDocument withDlp(DlpResult result) {
		List<String> detectors = result.matches().stream().map(DlpMatch::detector).distinct().sorted().toList();
		return new LogMessageDocument(this.id, this.conversationId, this.parentId, this.position, this.role,
				this.toolName, this.contentType, result.redactedText(), this.createdAt, this.gptId, this.projectId,
				this.userId, this.userEmail, this.conversationTitle, this.citationUrls, this.files, this.model,
				this.toolsUsed, this.clientType, this.contentSource, this.logEventId,
				detectors.isEmpty() ? null : detectors, result.matches().isEmpty() ? null : result.matches(),
				this.syncedAt);
	}

}
