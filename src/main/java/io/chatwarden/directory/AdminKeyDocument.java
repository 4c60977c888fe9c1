package io.chatwarden.directory;

import java.time.Instant;

/**
 * An organization admin key (its redacted form only) as stored in the admin-keys index.
 */
public record AdminKeyDocument(String id, String name, String redactedValue, Instant createdAt, Instant expiresAt,
		Instant lastUsedAt, String ownerType, String ownerId, String ownerName, String ownerRole, Instant syncedAt) {

}
