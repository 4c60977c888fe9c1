package io.chatwarden.security;

import java.time.Instant;

import io.chatwarden.audit.IntegrityKey;

/**
 * An API token as stored: only the SHA-256 hash of its value (the document id), never the
 * value.
 *
 * @param id the public id, used to list and revoke it
 * @param demo whether the demo's local admin minted it (directly or through a token it
 * minted): such a token works only while that local admin exists
 * @param seal the app's keyed hash of every other field: a token document written or
 * changed behind the app's back (e.g. straight into the index) has no valid seal and is
 * refused
 */
public record ApiToken(String id, String name, Role role, String hash, Instant createdAt, String createdBy,
		Instant revokedAt, Boolean demo, String seal) {

	boolean active() {
		return this.revokedAt == null;
	}

	boolean mintedInDemo() {
		return Boolean.TRUE.equals(this.demo);
	}

	ApiToken revoked(Instant at) {
		return new ApiToken(this.id, this.name, this.role, this.hash, this.createdAt, this.createdBy, at, this.demo,
				null);
	}

	ApiToken sealed(IntegrityKey key) {
		return new ApiToken(this.id, this.name, this.role, this.hash, this.createdAt, this.createdBy, this.revokedAt,
				this.demo, key.seal(sealed()));
	}

	boolean sealValid(IntegrityKey key) {
		return this.seal != null && java.security.MessageDigest.isEqual(
				key.seal(sealed()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
				this.seal.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private String sealed() {
		return IntegrityKey.canonical("api-token", this.id, this.name, this.role, this.hash, this.createdAt,
				this.createdBy, this.revokedAt, this.demo);
	}

}
