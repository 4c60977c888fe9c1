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
		List<String> models, List<String> toolsUsed, List<String> clientTypes, Instant syncedAt) {

	static LogConversationDocument from(ConversationMessageEvent event, Instant syncedAt) {
		Instant active = (event.createdAt() != null) ? event.createdAt() : event.timestamp();
		return new LogConversationDocument(event.conversationId(), event.userId(), event.userEmail(), event.title(),
				event.conversationCreatedAt(), active, listOf(event.gptId()), listOf(event.projectId()), event.pinned(),
				event.temporary(), listOf(event.model()), event.toolsUsed().isEmpty() ? null : event.toolsUsed(),
				listOf(event.clientType()), syncedAt);
	}

	private static List<String> listOf(String value) {
		return (value == null) ? null : List.of(value);
	}

}
