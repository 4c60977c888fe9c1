package io.chatwarden.openai;

import java.time.Instant;

/** An organization member from {@code GET /organization/users}. */
public record OrgUser(String id, String name, String email, String role, Instant addedAt) {
}
