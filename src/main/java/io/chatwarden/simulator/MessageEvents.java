package io.chatwarden.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a rendered conversation into {@code CONVERSATION_MESSAGE} events, one per
 * message, with the same ids and text the stateful API serves, plus what only the logs
 * carry (model, tools used, client type, pinned and temporary flags).
 */
final class MessageEvents {

	private static final List<String> MODELS = List.of("gpt-5-5", "gpt-5-mini", "o4-pro");

	private static final List<String> CLIENTS = List.of("desktop_web", "macos_app", "unknown");

	private MessageEvents() {
	}

	static List<ObjectNode> of(ObjectNode conversation, String workspaceId) {
		List<ObjectNode> events = new ArrayList<>();
		String conversationId = conversation.get("id").asString();
		long salt = conversationId.hashCode();
		ObjectNode header = Json.object();
		header.put("id", conversationId);
		header.put("title", conversation.path("title").asString(null));
		header.put("created_at", iso(conversation.get("created_at")));
		header.put("is_pinned", Math.floorMod(salt, 7) == 0);
		header.put("is_temporary_chat", Math.floorMod(salt, 11) == 0);
		String gptId = null;
		String projectId = null;
		for (JsonNode message : conversation.path("messages").path("data")) {
			gptId = (gptId != null) ? gptId : message.path("gpt_id").asString(null);
			projectId = (projectId != null) ? projectId : message.path("project_id").asString(null);
		}
		header.put("gpt_id", gptId);
		header.put("project_id", projectId);
		for (JsonNode message : conversation.path("messages").path("data")) {
			events.add(event(conversation, message, header, workspaceId, salt));
		}
		return events;
	}

	private static ObjectNode event(ObjectNode conversation, JsonNode message, ObjectNode header, String workspaceId,
			long salt) {
		String messageId = message.get("id").asString();
		JsonNode createdAt = message.get("created_at");
		JsonNode when = (createdAt == null || createdAt.isNull()) ? conversation.get("created_at") : createdAt;
		ObjectNode event = Json.object();
		event.put("event_id", UUID.nameUUIDFromBytes(("message:" + messageId).getBytes()).toString());
		event.put("type", "CONVERSATION_MESSAGE");
		ObjectNode principal = event.putObject("principal");
		principal.put("id", workspaceId);
		principal.put("type", "CHATGPT_WORKSPACE");
		ObjectNode actor = event.putObject("actor");
		actor.put("type", "ACCOUNT_USER");
		String userId = conversation.path("user_id").asString(null);
		// The live feed sometimes suffixes user ids with the workspace.
		boolean suffixed = userId != null && Math.floorMod(salt, 3) == 0;
		actor.put("user_id", suffixed ? userId + "__" + workspaceId : userId);
		actor.put("user_email", conversation.path("user_email").asString(null));
		event.put("timestamp", iso(when));
		event.put("previous_message_id", message.path("parent_id").asString(null));
		ObjectNode body = event.putObject("message");
		body.put("id", messageId);
		body.put("created_at", iso(createdAt));
		ObjectNode author = body.putObject("author");
		String role = message.path("author").path("role").asString("user");
		author.put("type", role);
		int pick = Math.floorMod(salt + messageId.hashCode(), 1000);
		if ("assistant".equals(role)) {
			author.put("model", MODELS.get(pick % MODELS.size()));
			ArrayNode tools = author.putArray("tools_used");
			if (pick % 4 == 0) {
				tools.add("browser");
			}
			author.putArray("skills_used");
		}
		else if ("user".equals(role)) {
			author.put("client_type", CLIENTS.get(pick % CLIENTS.size()));
		}
		else if (message.path("author").hasNonNull("tool_name")) {
			author.put("tool_name", message.path("author").get("tool_name").asString());
		}
		JsonNode content = message.get("content");
		if (content != null && content.isObject()) {
			ObjectNode copy = body.putObject("content");
			copy.put("type", content.path("type").asString("text"));
			copy.set("value", content.get("value"));
			copy.set("annotations", content.path("annotations").isArray() ? content.get("annotations") : Json.array());
		}
		else {
			// A message without text: the live feed keeps the content object, value null.
			body.putObject("content").put("type", "text").putNull("value").putArray("annotations");
		}
		ArrayNode files = body.putArray("files");
		for (JsonNode file : message.path("files").path("data")) {
			ObjectNode f = files.addObject();
			f.put("id", file.path("id").asString());
			f.put("object", "compliance.workspace.conversation.message.file");
			f.put("name", file.path("name").asString(null));
		}
		event.set("conversation", header);
		return event;
	}

	static String iso(JsonNode seconds) {
		if (seconds == null || seconds.isNull() || !seconds.isNumber()) {
			return null;
		}
		long micros = seconds.decimalValue().movePointRight(6).longValue();
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L)
			.toString();
	}

}
