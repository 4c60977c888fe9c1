package io.chatwarden.simulator;

import java.time.Instant;

/**
 * A generated workspace user. {@code dormant} active users only own old conversations, so
 * the inactive-user finding has something to find.
 */
record SimUser(String id, String email, String name, Instant createdAt, String role, String status, boolean dormant) {

	boolean active() {
		return "active".equals(this.status);
	}

}
