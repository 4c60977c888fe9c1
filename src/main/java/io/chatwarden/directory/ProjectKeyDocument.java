package io.chatwarden.directory;

import java.time.Instant;

/** A project API key (its redacted form only) as stored in the project-keys index. */
public record ProjectKeyDocument(String id, String projectId, String name, String redactedValue, Instant createdAt,
		Instant lastUsedAt, String ownerType, String ownerId, String ownerEmail, String ownerName, String ownerRole,
		String ownerProjectAccess, Instant syncedAt) {

}
