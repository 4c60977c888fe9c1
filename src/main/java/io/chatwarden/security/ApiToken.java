package io.chatwarden.security;

import java.time.Instant;

/**
 * An API token as stored: only the SHA-256 hash of its value (the document id), never the
 * value.
 *
 * @param id the public id, used to list and revoke it
 * @param demo whether the demo's local admin minted it (directly or through a token it
 * minted): such a token works only while that local admin exists
 */
public record ApiToken(String id, String name, Role role, String hash, Instant createdAt, String createdBy,
		Instant revokedAt, Boolean demo) {

	boolean active() {
		return this.revokedAt == null;
	}

	boolean mintedInDemo() {
		return Boolean.TRUE.equals(this.demo);
	}

	ApiToken revoked(Instant at) {
		return new ApiToken(this.id, this.name, this.role, this.hash, this.createdAt, this.createdBy, at, this.demo);
	}

}
