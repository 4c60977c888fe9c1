package io.chatwarden.directory;

import java.time.Instant;

import io.chatwarden.openai.OrgUser;

/** An organization member (Admin API) as stored in the org-users index. */
public record OrgUserDocument(String id, String name, String email, String role, Instant addedAt, Instant syncedAt) {

	public static OrgUserDocument from(OrgUser user, Instant syncedAt) {
		return new OrgUserDocument(user.id(), user.name(), user.email(), user.role(), user.addedAt(), syncedAt);
	}

}
