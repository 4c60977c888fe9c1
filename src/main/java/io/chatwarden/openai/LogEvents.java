package io.chatwarden.openai;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses Compliance Logs Platform lines into events, throwing
 * {@link MalformedRecordException} with a human reason for a line it cannot read. Unlike
 * the stateful API, times here are ISO-8601 strings (float seconds are tolerated).
 */
public final class LogEvents {

	/** The event type of conversation messages. */
	public static final String CONVERSATION_MESSAGE = "CONVERSATION_MESSAGE";

	private static final JsonMapper json = JsonMapper.builder().build();

	private LogEvents() {
	}

	/** One JSON line as a tree; malformed JSON is a malformed record. */
	public static JsonNode parse(String line) {
		JsonNode node;
		try {
			node = json.readTree(line);
		}
		catch (RuntimeException ex) {
			throw new MalformedRecordException("log line is not JSON");
		}
		if (node == null || !node.isObject()) {
			throw new MalformedRecordException("log line is not a JSON object");
		}
		return node;
	}

	/** The envelope of any event; only {@code event_id} is required. */
	public static LogEvent event(JsonNode node) {
		String id = required(node, "event_id", "log event");
		String where = "log event " + id;
		JsonNode principal = node.path("principal");
		JsonNode actor = node.path("actor");
		JsonNode metadata = node.path("request_metadata");
		JsonNode ip = metadata.path("client_ip_details");
		JsonNode data = node.get("action_data");
		return new LogEvent(id, text(node, "type"), instant(node, "timestamp", where), text(principal, "id"),
				text(principal, "type"), text(actor, "type"), text(actor, "user_id"), text(actor, "user_email"),
				text(actor, "redacted_id"), text(node, "action"), text(node, "action_result"),
				text(node, "action_privilege"), (data == null || data.isNull()) ? null : data,
				text(metadata, "client_ip"), text(ip, "country"), text(ip, "city"), text(metadata, "client_user_agent"),
				node);
	}

	/**
	 * A {@code CONVERSATION_MESSAGE} event; its message and conversation ids are
	 * required.
	 */
	public static ConversationMessageEvent conversationMessage(JsonNode node) {
		String eventId = required(node, "event_id", "log event");
		String where = "CONVERSATION_MESSAGE " + eventId;
		JsonNode message = node.path("message");
		JsonNode conversation = node.path("conversation");
		String messageId = required(message, "id", where + " message");
		String conversationId = required(conversation, "id", where + " conversation");
		JsonNode author = message.path("author");
		JsonNode content = message.path("content");
		JsonNode actor = node.path("actor");
		String contentType = null;
		String text = null;
		if (content.isString()) {
			contentType = "text";
			text = content.asString();
		}
		else if (content.isObject()) {
			contentType = text(content, "type");
			text = text(content, "value");
		}
		List<FileRef> files = new ArrayList<>();
		for (JsonNode file : message.path("files")) {
			String fileId = text(file, "id");
			if (fileId != null) {
				files.add(new FileRef(fileId, text(file, "name"), null));
			}
		}
		String role = text(author, "type");
		if (role == null) {
			role = text(author, "role");
		}
		return new ConversationMessageEvent(eventId, instant(node, "timestamp", where), text(actor, "user_id"),
				text(actor, "user_email"), messageId, text(node, "previous_message_id"),
				instant(message, "created_at", where), role, text(author, "model"), strings(author.path("tools_used")),
				text(author, "tool_name"), text(author, "client_type"), contentType, text,
				citationUrls(content.path("annotations")), files, conversationId, text(conversation, "title"),
				instant(conversation, "created_at", where), flag(conversation, "is_pinned"),
				flag(conversation, "is_temporary_chat"), text(conversation, "gpt_id"),
				text(conversation, "project_id"));
	}

	private static String required(JsonNode node, String field, String where) {
		String value = text(node, field);
		if (value == null || value.isBlank()) {
			throw new MalformedRecordException(where + " has no '" + field + "'");
		}
		return value;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull() || !value.isValueNode()) ? null : value.asString();
	}

	private static Boolean flag(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || !value.isBoolean()) ? null : value.booleanValue();
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		for (JsonNode value : array) {
			if (value.isString() && !value.asString().isBlank()) {
				values.add(value.asString());
			}
		}
		return values;
	}

	private static List<String> citationUrls(JsonNode annotations) {
		Set<String> urls = new LinkedHashSet<>();
		for (JsonNode annotation : annotations) {
			for (JsonNode url : annotation.path("urls")) {
				String value = url.isString() ? url.asString() : url.path("url").asString(null);
				if (value != null && !value.isBlank()) {
					urls.add(value);
				}
			}
		}
		return List.copyOf(urls);
	}

	private static Instant instant(JsonNode node, String field, String where) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		try {
			if (value.isNumber()) {
				return Instant.ofEpochMilli(Math.round(value.doubleValue() * 1000));
			}
			return IsoTimes.parse(value.asString());
		}
		catch (DateTimeException ex) {
			throw new MalformedRecordException(where + ": '" + field + "' is not an ISO-8601 time");
		}
	}

}
