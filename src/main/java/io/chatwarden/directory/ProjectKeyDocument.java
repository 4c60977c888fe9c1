package io.chatwarden.directory;

import java.time.Instant;

import io.chatwarden.openai.ProjectApiKey;

/** A project API key (its redacted form only) as stored in the project-keys index. */
public record ProjectKeyDocument(String id, String projectId, String name, String redactedValue, Instant createdAt,
		Instant lastUsedAt, String ownerType, String ownerId, String ownerEmail, String ownerName, String ownerRole,
		String ownerProjectAccess, Instant syncedAt) {

	public static ProjectKeyDocument from(ProjectApiKey key, Instant syncedAt) {
		return new ProjectKeyDocument(key.id(), key.projectId(), key.name(), key.redactedValue(), key.createdAt(),
				key.lastUsedAt(), key.ownerType(), key.ownerId(), key.ownerEmail(), key.ownerName(), key.ownerRole(),
				key.ownerProjectAccess(), syncedAt);
	}

}
