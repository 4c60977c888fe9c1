package io.chatwarden.directory;

import java.time.Instant;
import java.util.List;

import io.chatwarden.openai.OrgInvite;

/** An organization invite as stored in the invites index. */
public record InviteDocument(String id, String email, String role, String status, Instant createdAt, Instant expiresAt,
		Instant acceptedAt, List<OrgInvite.InviteProject> projects, Instant syncedAt) {

	public static InviteDocument from(OrgInvite invite, Instant syncedAt) {
		return new InviteDocument(invite.id(), invite.email(), invite.role(), invite.status(), invite.createdAt(),
				invite.expiresAt(), invite.acceptedAt(), invite.projects(), syncedAt);
	}

}
