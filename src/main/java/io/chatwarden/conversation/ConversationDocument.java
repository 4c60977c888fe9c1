package io.chatwarden.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as stored in the conversations index: the listing and facet view of it.
 * Both conversation sources write it; the fields only the Compliance Logs Platform knows
 * (pinned, temporary, models, tools used, client types) are null from the stateful API.
 */
public record ConversationDocument(String id, String workspaceId, String userId, String userEmail, String title,
		Instant createdAt, Instant lastActiveAt, int messageCount, List<String> gptIds, List<String> projectIds,
		List<String> tools, int fileCount, List<String> dlpDetectors, Instant syncedAt, Boolean pinned,
		Boolean temporary, List<String> models, List<String> toolsUsed, List<String> clientTypes) {

	/** Without the fields only the logs know. */
	public ConversationDocument(String id, String workspaceId, String userId, String userEmail, String title,
			Instant createdAt, Instant lastActiveAt, int messageCount, List<String> gptIds, List<String> projectIds,
			List<String> tools, int fileCount, List<String> dlpDetectors, Instant syncedAt) {
		this(id, workspaceId, userId, userEmail, title, createdAt, lastActiveAt, messageCount, gptIds, projectIds,
				tools, fileCount, dlpDetectors, syncedAt, null, null, null, null, null);
	}

}
