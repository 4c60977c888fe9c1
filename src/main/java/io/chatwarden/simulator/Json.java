package io.chatwarden.simulator;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON helpers: one shared mapper and the two list envelopes. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	static ArrayNode array() {
		return MAPPER.createArrayNode();
	}

	/** The Compliance API envelope {@code {object,data,has_more,last_id}}. */
	static ObjectNode complianceList(List<? extends tools.jackson.databind.JsonNode> data, boolean hasMore,
			String lastId) {
		ObjectNode list = object();
		list.put("object", "list");
		ArrayNode array = list.putArray("data");
		data.forEach(array::add);
		list.put("has_more", hasMore);
		list.put("last_id", lastId);
		return list;
	}

	/** The Admin API envelope {@code {object,data,first_id,last_id,has_more}}. */
	static ObjectNode adminList(List<? extends tools.jackson.databind.JsonNode> data, boolean hasMore) {
		ObjectNode list = object();
		list.put("object", "list");
		ArrayNode array = list.putArray("data");
		data.forEach(array::add);
		list.put("first_id", data.isEmpty() ? null : data.get(0).get("id").asString());
		list.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").asString());
		list.put("has_more", hasMore);
		return list;
	}

	static byte[] bytes(tools.jackson.databind.JsonNode node) {
		return MAPPER.writeValueAsBytes(node);
	}

}
