package io.chatwarden.openai;

import java.time.Instant;
import java.util.List;

/**
 * A {@code CONVERSATION_MESSAGE} event: one message with its conversation's header, and
 * what only the logs tell (model, tools used, client type, pinned and temporary flags).
 *
 * @param parentId the event's {@code previous_message_id}
 * @param role user, assistant, system or tool ({@code message.author.type})
 * @param toolsUsed tools the assistant used to write it
 * @param clientType the app a user message came from ({@code desktop_web}, …)
 * @param pinned null when the event does not say
 * @param temporary null when the event does not say
 */
public record ConversationMessageEvent(String eventId, Instant timestamp, String userId, String userEmail,
		String messageId, String parentId, Instant createdAt, String role, String model, List<String> toolsUsed,
		String toolName, String clientType, String contentType, String text, List<String> citationUrls,
		List<FileRef> files, String conversationId, String title, Instant conversationCreatedAt, Boolean pinned,
		Boolean temporary, String gptId, String projectId) {

	public ConversationMessageEvent {
		toolsUsed = (toolsUsed == null) ? List.of() : List.copyOf(toolsUsed);
		citationUrls = (citationUrls == null) ? List.of() : List.copyOf(citationUrls);
		files = (files == null) ? List.of() : List.copyOf(files);
	}

}
