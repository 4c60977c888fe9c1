package io.chatwarden.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API.
 *
 * @param bootstrapAdminToken a token with the ADMIN role for first start and automation
 * (secret: compared by hash, never logged)
 * @param requestsPerMinute requests one caller may make per minute before getting 429
 * @param corsAllowedOrigins origins allowed to call the API from a browser; none by
 * default
 * @param oidc an optional OpenID Connect issuer whose JWTs are accepted as bearer tokens
 */
@ConfigurationProperties("chatwarden.security")
public record SecurityProperties(String bootstrapAdminToken, @DefaultValue("600") int requestsPerMinute,
		@DefaultValue List<String> corsAllowedOrigins, @DefaultValue Oidc oidc) {

	public boolean hasBootstrapToken() {
		return this.bootstrapAdminToken != null && !this.bootstrapAdminToken.isBlank();
	}

	@Override
	public String toString() {
		return "SecurityProperties[bootstrapAdminToken=" + (hasBootstrapToken() ? "***" : "unset")
				+ ", requestsPerMinute=" + this.requestsPerMinute + ", oidc=" + this.oidc + "]";
	}

	/**
	 * JWT bearer tokens from an identity provider.
	 *
	 * @param issuerUri the issuer; its discovery document gives the keys
	 * @param jwkSetUri the key set, when there is no discovery document
	 * @param rolesClaim the claim holding role names (a string or a list)
	 * @param roleMapping how claim values map to roles, as {@code value=ROLE} pairs; a
	 * value that names a role (viewer, investigator, admin) maps to it without an entry
	 */
	public record Oidc(String issuerUri, String jwkSetUri, @DefaultValue("roles") String rolesClaim,
			@DefaultValue List<String> roleMapping) {

		public boolean enabled() {
			return (this.issuerUri != null && !this.issuerUri.isBlank())
					|| (this.jwkSetUri != null && !this.jwkSetUri.isBlank());
		}

	}

}
