package io.chatwarden.directory;

import java.time.Instant;

/** A ChatGPT workspace user as stored in the users index. */
public record WorkspaceUserDocument(String id, String email, String name, String role, String status, Instant createdAt,
		Instant syncedAt) {

}
