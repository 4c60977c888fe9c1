package io.chatwarden.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Compliance Logs Platform event (audit, login, app, or a type this version does not
 * know) as stored in the events index: the envelope as typed fields, what happened lifted
 * out whatever the type ({@code action}, {@code eventType}, {@code detailType}), a few
 * well-known action details for the event findings, the user-written text of the event
 * (searchable, DLP-masked), the action data as a flat object, and the whole event as it
 * came (masked too). The sync builds it; this package only reads it.
 *
 * @param actor who acted, as one string: the user's email (or id), or the redacted key
 * @param action the audit action ({@code USER_ROLE_UPDATED}), or for logins the outcome
 * ({@code login_success}, {@code login_failed}, …)
 * @param targetUserId the user an action was about ({@code action_data.user_id}, without
 * the workspace suffix)
 * @param setting the workspace setting a change was about ({@code action_data.feature},
 * or {@code ip_allowlist} for the IP allow-list actions)
 * @param settingEnabled whether the change left it on
 * @param text user-written text of the event (prompts, responses, inputs), masked
 * @param byProduct true when this installation's own key acted (its listings and
 * downloads)
 * @param raw the whole event as JSON text (stored, not indexed)
 */
public record EventDocument(String eventId, String type, Instant timestamp, String principalId, String principalType,
		String actorType, String actorUserId, String actorEmail, String actorKeyId, String actor, String action,
		String actionResult, String actionPrivilege, String clientIp, String country, String city, String userAgent,
		String targetUserId, String targetEmail, String oldRole, String newRole, String setting, Boolean settingEnabled,
		Map<String, Object> actionData, String raw, Instant syncedAt, String eventType, String detailType, String text,
		List<String> dlpDetectors, Boolean byProduct) {

}
