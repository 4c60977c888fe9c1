package io.chatwarden.events;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.chatwarden.openai.LogEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Compliance Logs Platform event (audit, login, app, or a type this version does not
 * know) as stored in the events index: the envelope as typed fields, a few well-known
 * action details lifted out for the event findings, the action data as a flat object, and
 * the whole event as it came.
 *
 * @param actor who acted, as one string: the user's email (or id), or the redacted key
 * @param targetEmail the user an action was about ({@code action_data.user_email})
 * @param setting the workspace setting a toggle changed ({@code action_data.feature})
 * @param settingEnabled whether the toggle turned it on
 * @param raw the whole event as JSON text (stored, not indexed)
 */
public record EventDocument(String eventId, String type, Instant timestamp, String principalId, String principalType,
		String actorType, String actorUserId, String actorEmail, String actorKeyId, String actor, String action,
		String actionResult, String actionPrivilege, String clientIp, String country, String city, String userAgent,
		String targetUserId, String targetEmail, String oldRole, String newRole, String setting, Boolean settingEnabled,
		Map<String, Object> actionData, String raw, Instant syncedAt) {

	private static final JsonMapper json = JsonMapper.builder().build();

	@SuppressWarnings("unchecked")
	public static EventDocument from(LogEvent event, Instant syncedAt) {
		JsonNode data = event.actionData();
		Map<String, Object> actionData = (data != null && data.isObject()) ? json.convertValue(data, Map.class) : null;
		String setting = text(data, "feature");
		if (setting == null) {
			setting = text(data, "setting");
		}
		Boolean enabled = (data != null && data.path("enabled").isBoolean()) ? data.get("enabled").booleanValue()
				: null;
		return new EventDocument(event.eventId(), event.type(), event.timestamp(), event.principalId(),
				event.principalType(), event.actorType(), event.actorUserId(), event.actorEmail(), event.actorKeyId(),
				event.actorKey(), event.action(), event.actionResult(), event.actionPrivilege(), event.clientIp(),
				event.country(), event.city(), event.userAgent(), text(data, "user_id"), text(data, "user_email"),
				lower(text(data, "old_role")), lower(text(data, "new_role")),
				(setting != null) ? setting.toLowerCase(Locale.ROOT) : null, enabled, actionData,
				event.raw().toString(), syncedAt);
	}

	private static String text(JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value == null || !value.isValueNode() || value.isNull()) ? null : value.asString();
	}

	private static String lower(String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

}
