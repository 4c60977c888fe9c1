package io.chatwarden.events;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event detections ({@code chatwarden.findings.events.*}).
 *
 * @param recentWindow how recent a first sighting must be to count as new (a login
 * country, a compliance log lister)
 * @param securitySettings workspace settings (lower case, as in
 * {@code action_data.feature}) whose switching off is a finding
 */
@ConfigurationProperties("chatwarden.findings.events")
public record EventDetectionProperties(@DefaultValue("2d") Duration recentWindow, @DefaultValue( {
		"sso", "saml", "scim", "ip_allowlist", "ip_allow_list", "mfa", "domain_verification",
		"enforce_sso" }) List<String> securitySettings){

	public EventDetectionProperties {
		securitySettings = List.copyOf(securitySettings);
	}

}
