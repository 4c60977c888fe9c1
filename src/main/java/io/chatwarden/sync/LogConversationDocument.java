package io.chatwarden.sync;

import java.time.Instant;
import java.util.List;

import io.chatwarden.openai.ConversationMessageEvent;

/**
 * The part of a conversation document one {@code CONVERSATION_MESSAGE} event knows,
 * merged into the stored conversation: list fields are unions, {@code lastActiveAt} only
 * moves forward. The message count is recounted per log file from the messages index.
 */
record LogConversationDocument(String id, String userId, String userEmail, String title, Instant createdAt,
		Instant lastActiveAt, List<String> gptIds, List<String> projectIds, Boolean pinned, Boolean temporary,
		List<String> models, List<String> toolsUsed, List<String> clientTypes, List<String> dlpDetectors,
		Instant syncedAt) {

	static LogConversationDocument from(ConversationMessageEvent event, Instant syncedAt) {
		Instant active = (event.createdAt() != null) ? event.createdAt() : event.timestamp();
		return new LogConversationDocument(event.conversationId(), event.userId(), event.userEmail(), event.title(),
				event.conversationCreatedAt(), active, listOf(event.gptId()), listOf(event.projectId()), event.pinned(),
				event.temporary(), listOf(event.model()), event.toolsUsed().isEmpty() ? null : event.toolsUsed(),
				listOf(event.clientType()), null, syncedAt);
	}

	/**
	 * This conversation with the detectors that matched the event's message (merged as a
	 * union).
	 */
	LogConversationDocument withDlpDetectors(List<String> detectors) {
		return new LogConversationDocument(this.id, this.userId, this.userEmail, this.title, this.createdAt,
				this.lastActiveAt, this.gptIds, this.projectIds, this.pinned, this.temporary, this.models,
				this.toolsUsed, this.clientTypes, detectors.isEmpty() ? null : List.copyOf(detectors), this.syncedAt);
	}

	private static List<String> listOf(String value) {
		return (value == null) ? null : List.of(value);
	}

}
