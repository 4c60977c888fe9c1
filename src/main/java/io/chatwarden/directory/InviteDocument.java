package io.chatwarden.directory;

import java.time.Instant;
import java.util.List;

/** An organization invite as stored in the invites index. */
public record InviteDocument(String id, String email, String role, String status, Instant createdAt, Instant expiresAt,
		Instant acceptedAt, List<InviteProject> projects, Instant syncedAt) {

	/** A project the invite grants, with the role in it. */
	public record InviteProject(String id, String role) {
	}

}
