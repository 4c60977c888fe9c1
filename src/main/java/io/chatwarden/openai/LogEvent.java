package io.chatwarden.openai;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * The common envelope of a Compliance Logs Platform event, of any type (known or not),
 * with the whole event kept as it came.
 *
 * @param actorType {@code ACCOUNT_USER}, {@code API_KEY}, …
 * @param actorKeyId the redacted key ({@code sk-...RxIA}) when an API key acted
 * @param action the audit action ({@code USER_ROLE_UPDATED}, …), when there is one
 * @param actionData the action's details as served, or null
 * @param country the client's country from {@code request_metadata.client_ip_details}
 * @param raw the whole event
 */
public record LogEvent(String eventId, String type, Instant timestamp, String principalId, String principalType,
		String actorType, String actorUserId, String actorEmail, String actorKeyId, String action, String actionResult,
		String actionPrivilege, JsonNode actionData, String clientIp, String country, String city, String userAgent,
		JsonNode raw) {

	/** Who acted, as one string: the user's email or id, or the redacted key. */
	public String actorKey() {
		if (this.actorEmail != null) {
			return this.actorEmail;
		}
		return (this.actorUserId != null) ? this.actorUserId : this.actorKeyId;
	}

}
