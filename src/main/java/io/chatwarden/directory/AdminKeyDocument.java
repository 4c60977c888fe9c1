package io.chatwarden.directory;

import java.time.Instant;

import io.chatwarden.openai.AdminApiKey;

/**
 * An organization admin key (its redacted form only) as stored in the admin-keys index.
 */
public record AdminKeyDocument(String id, String name, String redactedValue, Instant createdAt, Instant expiresAt,
		Instant lastUsedAt, String ownerType, String ownerId, String ownerName, String ownerRole, Instant syncedAt) {

	public static AdminKeyDocument from(AdminApiKey key, Instant syncedAt) {
		return new AdminKeyDocument(key.id(), key.name(), key.redactedValue(), key.createdAt(), key.expiresAt(),
				key.lastUsedAt(), key.ownerType(), key.ownerId(), key.ownerName(), key.ownerRole(), syncedAt);
	}

}
