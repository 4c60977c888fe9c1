package io.chatwarden.openai;

import java.time.Instant;

/**
 * An organization admin key from {@code GET /organization/admin_api_keys}; only its
 * redacted form is ever held.
 */
public record AdminApiKey(String id, String name, String redactedValue, Instant createdAt, Instant expiresAt,
		Instant lastUsedAt, String ownerType, String ownerId, String ownerName, String ownerRole) {
}
