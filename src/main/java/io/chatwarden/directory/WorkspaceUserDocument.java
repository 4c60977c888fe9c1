package io.chatwarden.directory;

import java.time.Instant;

import io.chatwarden.openai.ComplianceUser;

/** A ChatGPT workspace user as stored in the users index. */
public record WorkspaceUserDocument(String id, String email, String name, String role, String status, Instant createdAt,
		Instant syncedAt) {

	public static WorkspaceUserDocument from(ComplianceUser user, Instant syncedAt) {
		return new WorkspaceUserDocument(user.id(), user.email(), user.name(), user.role(), user.status(),
				user.createdAt(), syncedAt);
	}

}
