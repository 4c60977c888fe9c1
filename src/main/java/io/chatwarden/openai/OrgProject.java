package io.chatwarden.openai;

import java.time.Instant;

/** An API platform project from {@code GET /organization/projects}. */
public record OrgProject(String id, String name, Instant createdAt, Instant archivedAt, String status) {
}
