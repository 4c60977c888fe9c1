package io.chatwarden.security;

/**
 * Who is calling, as the audit log and authorization see it.
 *
 * @param name a display name: the token's name, the JWT subject, or
 * {@code local-demo-admin}
 * @param kind bootstrap, token, jwt or local
 * @param tokenId the public id of an API token, when the caller used one
 * @param role the caller's role
 */
public record Caller(String name, String kind, String tokenId, Role role) {

	public static final Caller ANONYMOUS = new Caller("anonymous", "none", null, null);

	/**
	 * A stable identity of this caller: the token id for an API token (two tokens may
	 * share a name), otherwise its kind and name. Rate limits and ownership use it.
	 */
	public String key() {
		return this.kind + ":" + (this.tokenId != null ? this.tokenId : this.name);
	}

}
