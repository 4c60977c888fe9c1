package io.chatwarden.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API.
 *
 * @param bootstrapAdminToken a token with the ADMIN role for first start and automation
 * (secret: compared by hash, never logged)
 * @param requestsPerMinute requests one caller may make per minute before getting 429;
 * each GraphQL root field counts as one request
 * @param failedAuthenticationsPerMinute rejected tokens one client address may send per
 * minute; past it, every request from that address gets 429 until the minute ends
 * @param corsAllowedOrigins origins allowed to call the API from a browser; none by
 * default
 * @param oidc an optional OpenID Connect issuer whose JWTs are accepted as bearer tokens
 */
@ConfigurationProperties("chatwarden.security")
public record SecurityProperties(String bootstrapAdminToken, @DefaultValue("600") int requestsPerMinute,
		@DefaultValue("20") int failedAuthenticationsPerMinute, @DefaultValue List<String> corsAllowedOrigins,
		@DefaultValue Oidc oidc) {

	public boolean hasBootstrapToken() {
		return this.bootstrapAdminToken != null && !this.bootstrapAdminToken.isBlank();
	}

	@Override
	public String toString() {
		return "SecurityProperties[bootstrapAdminToken=" + (hasBootstrapToken() ? "***" : "unset")
				+ ", requestsPerMinute=" + this.requestsPerMinute + ", failedAuthenticationsPerMinute="
				+ this.failedAuthenticationsPerMinute + ", oidc=" + this.oidc + "]";
	}

	/**
	 * JWT bearer tokens from an identity provider. When enabled, the issuer and the
	 * audience are both required and always checked.
	 *
	 * @param issuerUri the issuer: every token's {@code iss} must equal it; its discovery
	 * document gives the keys unless {@code jwkSetUri} is set
	 * @param jwkSetUri the key set, when there is no discovery document
	 * @param audience the client id tokens must be issued to: every token's {@code aud}
	 * must contain it (a token for another application of the same provider is refused)
	 * @param algorithms the only signature algorithms accepted (default RS256)
	 * @param rolesClaim the claim holding role names (a string or a list)
	 * @param roleMapping how claim values map to roles, as {@code value=ROLE} pairs. With
	 * no mapping a value that names a role (viewer, investigator, admin) maps to it; once
	 * a mapping exists, only mapped values grant a role
	 */
	public record Oidc(String issuerUri, String jwkSetUri, String audience,
			@DefaultValue("RS256") List<String> algorithms, @DefaultValue("roles") String rolesClaim,
			@DefaultValue List<String> roleMapping) {

		public Oidc {
			boolean enabled = present(issuerUri) || present(jwkSetUri);
			if (enabled && !present(issuerUri)) {
				throw new IllegalArgumentException("chatwarden.security.oidc.issuer-uri is required with a key set: "
						+ "without it a token of any issuer sharing the keys would be accepted");
			}
			if (enabled && !present(audience)) {
				throw new IllegalArgumentException("chatwarden.security.oidc.audience is required: without it a token "
						+ "the identity provider issued to any other application would be accepted");
			}
		}

		public boolean enabled() {
			return present(this.issuerUri) || present(this.jwkSetUri);
		}

		private static boolean present(String value) {
			return value != null && !value.isBlank();
		}

	}

}
