package io.chatwarden.openai;

import java.time.Instant;

/**
 * A project API key from {@code GET /organization/projects/{id}/api_keys}; only its
 * redacted form is held.
 *
 * @param ownerType user or service_account
 */
public record ProjectApiKey(String id, String projectId, String name, String redactedValue, Instant createdAt,
		Instant lastUsedAt, String ownerType, String ownerId, String ownerEmail, String ownerName, String ownerRole,
		String ownerProjectAccess) {
}
