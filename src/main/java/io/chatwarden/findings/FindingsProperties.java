package io.chatwarden.findings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Finding evaluation ({@code chatwarden.findings.*}).
 *
 * @param enabled evaluate after every sync and every {@code interval}; off, only on
 * request
 * @param interval pause between scheduled evaluations
 * @param keyRotationDays an admin or project key older than this is not rotated
 * @param keyUnusedDays a key not used for this long (or never) is unused
 * @param userInactiveDays an active user without conversation activity for this long is
 * inactive
 * @param inviteStaleDays a pending invite older than this is stale
 * @param workspaceDomains the workspace's email domains; empty, they are derived from the
 * workspace users' emails
 * @param pageSize buckets per composite aggregation page
 * @param types per finding type: a severity override and whether it is ignored
 * @param webhook where new HIGH and CRITICAL findings are posted
 * @param events settings of the finding types computed from audit and login events
 * @param askedWait how long an evaluation asked for ({@code evaluateFindings}) waits for
 * another instance's evaluation to end before it answers a CONFLICT error
 */
@ConfigurationProperties("chatwarden.findings")
public record FindingsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration interval,
		@DefaultValue("90") int keyRotationDays, @DefaultValue("30") int keyUnusedDays,
		@DefaultValue("30") int userInactiveDays, @DefaultValue("7") int inviteStaleDays, List<String> workspaceDomains,
		@DefaultValue("1000") int pageSize, Map<String, TypeSettings> types, @DefaultValue Webhook webhook,
		@DefaultValue Events events, @DefaultValue("20s") Duration askedWait) {

	public FindingsProperties {
		workspaceDomains = workspaceDomains == null ? List.of() : List.copyOf(workspaceDomains);
		types = types == null ? Map.of() : Map.copyOf(types);
	}

	/**
	 * Configured settings of one finding type.
	 *
	 * @param severity replaces the type's default severity
	 * @param ignored the type is not evaluated
	 */
	public record TypeSettings(Severity severity, Boolean ignored) {
	}

	/**
	 * Settings of the event finding types ({@code chatwarden.findings.events.*}).
	 *
	 * @param recentWindow how recent a first sighting must be to count as new (a login
	 * country, a compliance log lister)
	 * @param securitySettings workspace settings (lower case, as in
	 * {@code action_data.feature}) whose switching off is a finding
	 */
	public record Events(@DefaultValue("2d") Duration recentWindow, @DefaultValue( {
			"sso", "saml", "scim", "ip_allowlist", "ip_allow_list", "mfa", "domain_verification",
			"enforce_sso" }) List<String> securitySettings){

		public Events {
			securitySettings = List.copyOf(securitySettings);
		}

	}

	/**
	 * The alert webhook: an HMAC-SHA256-signed JSON POST per new HIGH or CRITICAL
	 * finding.
	 *
	 * @param url where to post; none, no alerts are sent
	 * @param secret the HMAC key (never logged); required with a url, so that the
	 * receiver can tell our alerts from forged ones
	 * @param maxAttempts attempts per alert before it is given up (and logged)
	 * @param minBackoff the first retry delay, doubled each attempt
	 * @param timeout per request
	 */
	public record Webhook(URI url, String secret, @DefaultValue("6") int maxAttempts,
			@DefaultValue("1s") Duration minBackoff, @DefaultValue("10s") Duration timeout) {

		public Webhook {
			if (url != null && (secret == null || secret.isBlank())) {
				throw new IllegalArgumentException("chatwarden.findings.webhook.secret is required with a webhook url: "
						+ "unsigned alerts could be forged by anyone who can reach the receiver");
			}
		}

		/**
		 * Why this webhook's transport is weak, or null: plain http to another host lets
		 * the network read alerts (finding titles, user emails).
		 */
		String transportWarning() {
			if (this.url == null || !"http".equalsIgnoreCase(this.url.getScheme())) {
				return null;
			}
			String host = this.url.getHost() == null ? "" : this.url.getHost();
			boolean local = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
					|| host.equals("::1");
			return local ? null : "The alert webhook " + this.url.getScheme() + "://" + host
					+ " is plain http: alerts cross the network unencrypted. Use https.";
		}

		@Override
		public String toString() {
			return "Webhook[url=" + this.url + ", secret=" + (this.secret == null ? "none" : "***") + "]";
		}

	}

}
