package io.chatwarden.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.chatwarden.openai.ComplianceConversation;
import io.chatwarden.openai.ComplianceMessage;

/**
 * A conversation as stored in the conversations index: the listing and facet view of it.
 */
public record ConversationDocument(String id, String workspaceId, String userId, String userEmail, String title,
		Instant createdAt, Instant lastActiveAt, int messageCount, List<String> gptIds, List<String> projectIds,
		List<String> tools, int fileCount, List<String> dlpDetectors, Instant syncedAt) {

	public static ConversationDocument from(ComplianceConversation conversation, Instant syncedAt) {
		List<ComplianceMessage> messages = conversation.messages();
		return new ConversationDocument(conversation.id(), conversation.workspaceId(), conversation.userId(),
				conversation.userEmail(), conversation.title(), conversation.createdAt(), conversation.lastActiveAt(),
				messages.size(), distinct(messages.stream().map(ComplianceMessage::gptId)),
				distinct(messages.stream().map(ComplianceMessage::projectId)),
				distinct(messages.stream().map(ComplianceMessage::toolName)),
				messages.stream().map(ComplianceMessage::files).mapToInt(Collection::size).sum(), null, syncedAt);
	}

	/** This conversation with the detectors that matched any of its messages. */
	public ConversationDocument withDlpDetectors(List<String> detectors) {
		return new ConversationDocument(this.id, this.workspaceId, this.userId, this.userEmail, this.title,
				this.createdAt, this.lastActiveAt, this.messageCount, this.gptIds, this.projectIds, this.tools,
				this.fileCount, detectors.isEmpty() ? null : List.copyOf(detectors), this.syncedAt);
	}

	private static List<String> distinct(java.util.stream.Stream<String> values) {
		return values.filter(Objects::nonNull).distinct().sorted().toList();
	}

}
