package io.chatwarden.directory;

import java.time.Instant;

/** An organization member (Admin API) as stored in the org-users index. */
public record OrgUserDocument(String id, String name, String email, String role, Instant addedAt, Instant syncedAt) {

}
