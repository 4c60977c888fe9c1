package io.chatwarden.openai;

import java.time.Instant;
import java.util.List;

/** A conversation from {@code GET /conversations}, with every message inline. */
public record ComplianceConversation(String id, String workspaceId, String userId, String userEmail, Instant createdAt,
		Instant lastActiveAt, String title, List<ComplianceMessage> messages) {

	public ComplianceConversation {
		messages = messages == null ? List.of() : List.copyOf(messages);
	}

}
