package io.chatwarden.openai;

import java.time.Instant;
import java.util.List;

/**
 * An organization invite. {@code createdAt} is read from {@code created_at} or the older
 * {@code invited_at}. A pending invite can be past its expiry: compare {@code expiresAt}
 * with the clock.
 */
public record OrgInvite(String id, String email, String role, String status, Instant createdAt, Instant expiresAt,
		Instant acceptedAt, List<InviteProject> projects) {

	public OrgInvite {
		projects = projects == null ? List.of() : List.copyOf(projects);
	}

	/** A project the invitee will join, with the role there. */
	public record InviteProject(String id, String role) {
	}

}
