package io.chatwarden.openai;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Maps raw records of both OpenAI APIs to the record types, tolerating the documented
 * quirks and throwing {@link MalformedRecordException} with a human reason otherwise.
 */
public final class OpenAiRecords {

	private static final int MAX_VALUE_IN_REASON = 40;

	private OpenAiRecords() {
	}

	/** A workspace user ({@code compliance.workspace.user}). */
	public static ComplianceUser user(JsonNode node) {
		String where = "user";
		requireObject(node, where);
		String id = id(node, where);
		where = where + " " + id;
		return new ComplianceUser(id, text(node, "email", where), text(node, "name", where),
				instant(node, "created_at", where), text(node, "role", where), text(node, "status", where));
	}

	/**
	 * A custom GPT, with its current configuration from {@code latest_config.data[0]}.
	 */
	public static ComplianceGpt gpt(JsonNode node) {
		String where = "GPT";
		requireObject(node, where);
		String id = id(node, where);
		where = where + " " + id;
		return new ComplianceGpt(id, instant(node, "created_at", where), text(node, "owner_id", where),
				text(node, "owner_email", where), text(node, "builder_name", where),
				sharing(node.get("sharing"), where), latestConfig(node.get("latest_config"), where));
	}

	/** A conversation with all its messages. */
	public static ComplianceConversation conversation(JsonNode node) {
		String where = "conversation";
		requireObject(node, where);
		String id = id(node, where);
		where = where + " " + id;
		JsonNode messages = node.get("messages");
		if (messages == null || !messages.isObject() || !messages.path("data").isArray()) {
			throw new MalformedRecordException(
					where + ": 'messages' is not a list envelope ({\"data\": [...]}) but " + describe(messages));
		}
		String context = where;
		List<ComplianceMessage> mapped = new ArrayList<>();
		for (JsonNode message : messages.get("data")) {
			mapped.add(message(message, context));
		}
		return new ComplianceConversation(id, text(node, "workspace_id", where), text(node, "user_id", where),
				text(node, "user_email", where), instant(node, "created_at", where),
				instant(node, "last_active_at", where), text(node, "title", where), mapped);
	}

	/** An organization admin key; its owner is flat ({@code {type, id, name, role}}). */
	public static AdminApiKey adminKey(JsonNode node) {
		String where = "admin key";
		requireObject(node, where);
		String id = id(node, where);
		where = where + " " + id;
		JsonNode owner = optionalObject(node, "owner", where);
		String ownerWhere = where + " owner";
		return new AdminApiKey(id, text(node, "name", where), text(node, "redacted_value", where),
				instant(node, "created_at", where), instant(node, "expires_at", where),
				instant(node, "last_used_at", where), text(owner, "type", ownerWhere), text(owner, "id", ownerWhere),
				text(owner, "name", ownerWhere), text(owner, "role", ownerWhere));
	}

	/** An API platform project. */
	public static OrgProject project(JsonNode node) {
		String where = "project";
		requireObject(node, where);
		String id = id(node, where);
		where = where + " " + id;
		return new OrgProject(id, text(node, "name", where), instant(node, "created_at", where),
				instant(node, "archived_at", where), text(node, "status", where));
	}

	/**
	 * A project API key; its owner is {@code {type, user{…}}} or {@code {type,
	 * service_account{…}}}.
	 * @param projectId the project the key was listed under (the record does not say)
	 */
	public static ProjectApiKey projectKey(String projectId, JsonNode node) {
		String where = "project key";
		requireObject(node, where);
		String id = id(node, where);
		where = where + " " + id + " of project " + projectId;
		JsonNode owner = optionalObject(node, "owner", where);
		String ownerWhere = where + " owner";
		String ownerType = text(owner, "type", ownerWhere);
		JsonNode user = optionalObject(owner, "user", ownerWhere);
		JsonNode serviceAccount = optionalObject(owner, "service_account", ownerWhere);
		// Trust the type when present; otherwise whichever principal is there.
		JsonNode principal = "service_account".equals(ownerType) ? serviceAccount
				: ("user".equals(ownerType) ? user : ((user != null) ? user : serviceAccount));
		if (ownerType == null && principal != null) {
			ownerType = (principal == user) ? "user" : "service_account";
		}
		String principalWhere = ownerWhere + " " + ownerType;
		return new ProjectApiKey(id, projectId, text(node, "name", where), text(node, "redacted_value", where),
				instant(node, "created_at", where), instant(node, "last_used_at", where), ownerType,
				text(principal, "id", principalWhere), text(principal, "email", principalWhere),
				text(principal, "name", principalWhere), text(principal, "role", principalWhere),
				text(node, "owner_project_access", where));
	}

	/** An organization member. */
	public static OrgUser orgUser(JsonNode node) {
		String where = "organization user";
		requireObject(node, where);
		String id = id(node, where);
		where = where + " " + id;
		return new OrgUser(id, text(node, "name", where), text(node, "email", where), text(node, "role", where),
				instant(node, "added_at", where));
	}

	/**
	 * An organization invite; its creation time is {@code created_at} or the older
	 * {@code invited_at}.
	 */
	public static OrgInvite invite(JsonNode node) {
		String where = "invite";
		requireObject(node, where);
		String id = id(node, where);
		where = where + " " + id;
		Instant createdAt = instant(node, "created_at", where);
		if (createdAt == null) {
			createdAt = instant(node, "invited_at", where);
		}
		String context = where;
		List<OrgInvite.InviteProject> projects = list(node.get("projects"), "projects", where,
				(project) -> inviteProject(project, context));
		return new OrgInvite(id, text(node, "email", where), text(node, "role", where), text(node, "status", where),
				createdAt, instant(node, "expires_at", where), instant(node, "accepted_at", where), projects);
	}

	private static OrgInvite.InviteProject inviteProject(JsonNode node, String where) {
		String what = where + " project";
		requireObject(node, what);
		return new OrgInvite.InviteProject(id(node, what), text(node, "role", what));
	}

	private static ComplianceMessage message(JsonNode node, String conversation) {
		String where = conversation + ": message";
		requireObject(node, where);
		String id = id(node, where);
		where = where + " " + id;
		JsonNode author = optionalObject(node, "author", where);
		String authorWhere = where + " author";
		JsonNode content = node.get("content");
		String contentType = null;
		String text = null;
		List<String> citationUrls = List.of();
		if (content != null && content.isString()) {
			// Not the documented shape, but its meaning is plain.
			contentType = "text";
			text = content.asString();
		}
		else if (content != null && content.isObject()) {
			String contentWhere = where + " content";
			contentType = text(content, "type", contentWhere);
			text = text(content, "value", contentWhere);
			if (text == null && content.path("parts").isArray()) {
				text = joinedParts(content.get("parts"));
			}
			citationUrls = citationUrls(content.get("annotations"), contentWhere);
		}
		else if (content != null && !content.isNull()) {
			throw new MalformedRecordException(
					where + ": 'content' is neither an object nor null but " + describe(content));
		}
		String context = where;
		List<FileRef> files = list(node.get("files"), "files", where, (file) -> file(file, context));
		return new ComplianceMessage(id, text(node, "parent_id", where), instant(node, "created_at", where),
				text(node, "gpt_id", where), text(node, "project_id", where), text(author, "role", authorWhere),
				text(author, "tool_name", authorWhere), contentType, text, citationUrls, files);
	}

	private static String joinedParts(JsonNode parts) {
		List<String> strings = new ArrayList<>();
		for (JsonNode part : parts) {
			if (part.isString()) {
				strings.add(part.asString());
			}
		}
		return strings.isEmpty() ? null : String.join("\n", strings);
	}

	private static List<String> citationUrls(JsonNode annotations, String where) {
		Set<String> urls = new LinkedHashSet<>();
		for (JsonNode annotation : elements(annotations, "annotations", where)) {
			if (!annotation.isObject() || !"url_citation".equals(annotation.path("type").asString(null))) {
				continue;
			}
			for (JsonNode url : elements(annotation.get("urls"), "urls", where + " url_citation")) {
				// Strings as documented; objects with a url field as seen elsewhere.
				String value = url.isString() ? url.asString()
						: (url.isObject() ? url.path("url").asString(null) : null);
				if (value != null && !value.isBlank()) {
					urls.add(value);
				}
			}
		}
		return List.copyOf(urls);
	}

	private static FileRef file(JsonNode node, String where) {
		// Either a full file object or a file_info ({id, name, user_id}) with no
		// created_at.
		String what = where + " file";
		requireObject(node, what);
		String id = id(node, what);
		what = what + " " + id;
		return new FileRef(id, text(node, "name", what), instant(node, "created_at", what));
	}

	private static GptSharing sharing(JsonNode node, String where) {
		if (node == null || node.isNull()) {
			return null;
		}
		String what = where + " sharing";
		requireObject(node, what);
		List<GptRecipient> recipients = list(node.get("recipients"), "recipients", what,
				(recipient) -> recipient(recipient, what));
		return new GptSharing(text(node, "visibility", what), permissions(node.get("permissions"), what), recipients);
	}

	private static GptRecipient recipient(JsonNode node, String where) {
		String what = where + " recipient";
		requireObject(node, what);
		String id = text(node, "id", what);
		return new GptRecipient(id, text(node, "email", what), permissions(node.get("permissions"), what));
	}

	private static GptPermissions permissions(JsonNode node, String where) {
		if (node == null || node.isNull()) {
			return null;
		}
		String what = where + " permissions";
		requireObject(node, what);
		return new GptPermissions(flag(node, "can_read", what), flag(node, "can_view_config", what),
				flag(node, "can_write", what));
	}

	private static GptConfig latestConfig(JsonNode node, String where) {
		if (node == null || node.isNull()) {
			return null;
		}
		String what = where + " latest_config";
		requireObject(node, what);
		JsonNode config = node;
		if (node.has("data")) {
			// The documented shape: a list envelope whose first item is the current
			// configuration.
			JsonNode data = node.get("data");
			if (data.isNull() || (data.isArray() && data.isEmpty())) {
				return null;
			}
			if (!data.isArray()) {
				throw new MalformedRecordException(what + ": 'data' is not a list but " + describe(data));
			}
			config = data.get(0);
		}
		return config(config, what);
	}

	private static GptConfig config(JsonNode node, String where) {
		String what = where + " configuration";
		requireObject(node, what);
		String id = id(node, what);
		what = what + " " + id;
		JsonNode author = optionalObject(node, "version_author", what);
		String context = what;
		return new GptConfig(id, text(node, "name", what), text(node, "description", what),
				strings(node.get("categories"), "categories", what),
				strings(node.get("conversation_starters"), "conversation_starters", what),
				instant(node, "created_at", what), text(node, "instructions", what),
				text(author, "id", what + " version_author"), text(author, "email", what + " version_author"),
				list(node.get("files"), "files", what, (file) -> file(file, context)),
				list(node.get("tools"), "tools", what, (tool) -> tool(tool, context)));
	}

	private static GptTool tool(JsonNode node, String where) {
		String what = where + " tool";
		requireObject(node, what);
		// Open-ended: a tool type added after this was written is kept as served.
		String type = text(node, "type", what);
		if (type == null) {
			throw new MalformedRecordException(what + ": no 'type'");
		}
		what = what + " " + type;
		return new GptTool(type, instant(node, "created_at", what), text(node, "action_domain", what),
				text(node, "action_privacy_policy_url", what), text(node, "auth_type", what));
	}

	private static List<String> strings(JsonNode node, String field, String where) {
		return list(node, field, where, (item) -> {
			if (!item.isValueNode() || item.isNull()) {
				throw new MalformedRecordException(
						where + ": '" + field + "' holds " + describe(item) + " where a string belongs");
			}
			return item.asString();
		});
	}

	/** Items of a list field served either as a list envelope or as a plain array. */
	private static <T> List<T> list(JsonNode node, String field, String where, Function<JsonNode, T> mapper) {
		List<T> items = new ArrayList<>();
		for (JsonNode item : elements(node, field, where)) {
			items.add(mapper.apply(item));
		}
		return items;
	}

	private static Iterable<JsonNode> elements(JsonNode node, String field, String where) {
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (node.isArray()) {
			return node;
		}
		if (node.isObject() && node.path("data").isArray()) {
			return node.get("data");
		}
		if (node.isObject() && (!node.has("data") || node.get("data").isNull())) {
			return List.of();
		}
		throw new MalformedRecordException(where + ": '" + field + "' is not a list but " + describe(node));
	}

	private static void requireObject(JsonNode node, String what) {
		if (node == null || !node.isObject()) {
			throw new MalformedRecordException(what + " record is not a JSON object but " + describe(node));
		}
	}

	private static JsonNode optionalObject(JsonNode node, String field, String where) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			throw new MalformedRecordException(where + ": '" + field + "' is not an object but " + describe(value));
		}
		return value;
	}

	private static String id(JsonNode node, String what) {
		JsonNode id = node.get("id");
		if (id == null || id.isNull()) {
			throw new MalformedRecordException(what + " record has no 'id'");
		}
		if (!id.isString() && !id.isNumber()) {
			throw new MalformedRecordException(what + " record's 'id' is not a string but " + describe(id));
		}
		String value = id.asString();
		if (value.isBlank()) {
			throw new MalformedRecordException(what + " record has a blank 'id'");
		}
		return value;
	}

	/**
	 * A string field; null when absent or null, numbers and booleans in their text form.
	 */
	private static String text(JsonNode node, String field, String where) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isValueNode()) {
			throw new MalformedRecordException(where + ": '" + field + "' is not a string but " + describe(value));
		}
		return value.asString();
	}

	private static boolean flag(JsonNode node, String field, String where) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return false;
		}
		if (!value.isBoolean()) {
			throw new MalformedRecordException(where + ": '" + field + "' is not true or false but " + describe(value));
		}
		return value.booleanValue();
	}

	/**
	 * A Unix-seconds timestamp: float seconds in the Compliance API (microseconds kept),
	 * integer seconds in the Admin API. Null when absent or null.
	 */
	private static Instant instant(JsonNode node, String field, String where) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			throw new MalformedRecordException(
					where + ": timestamp '" + field + "' is not a number of seconds but " + describe(value));
		}
		try {
			// Through BigDecimal: a double's shortest decimal form keeps the served
			// microseconds, which double arithmetic would round away.
			BigDecimal seconds = value.decimalValue().setScale(6, RoundingMode.HALF_UP);
			BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
			long nanos = seconds.subtract(whole).movePointRight(9).longValueExact();
			return Instant.ofEpochSecond(whole.longValueExact(), nanos);
		}
		catch (ArithmeticException | DateTimeException ex) {
			throw new MalformedRecordException(
					where + ": timestamp '" + field + "' is out of range: " + describe(value));
		}
	}

	/** A short, safe rendering of a bad value for a reason. */
	private static String describe(JsonNode node) {
		if (node == null || node.isMissingNode()) {
			return "nothing";
		}
		if (node.isNull()) {
			return "null";
		}
		if (node.isObject()) {
			return "an object";
		}
		if (node.isArray()) {
			return "a list";
		}
		String text = node.isString() ? node.asString() : node.toString();
		if (text.startsWith("sk-") || text.startsWith("Bearer")) {
			// Never echo what might be a credential.
			return "a value that looks like a secret";
		}
		if (text.length() > MAX_VALUE_IN_REASON) {
			text = text.substring(0, MAX_VALUE_IN_REASON) + "…";
		}
		return node.isString() ? "\"" + text + "\"" : text;
	}

}
