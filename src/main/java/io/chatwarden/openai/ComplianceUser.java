package io.chatwarden.openai;

import java.time.Instant;

/** A workspace user from {@code GET /compliance/workspaces/{id}/users}. */
public record ComplianceUser(String id, String email, String name, Instant createdAt, String role, String status) {
}
