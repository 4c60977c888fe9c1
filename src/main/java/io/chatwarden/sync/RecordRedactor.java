package io.chatwarden.sync;

import java.util.Map;

import io.chatwarden.dlp.DlpScanner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import org.springframework.stereotype.Component;

/**
 * Redacts DLP matches in every string of a raw record before it is kept as a dead letter:
 * a record that could not be mapped must not bring a pasted secret into the index that
 * the mapped ones keep out.
 */
@Component
class RecordRedactor {

	private final DlpScanner dlp;

	RecordRedactor(DlpScanner dlp) {
		this.dlp = dlp;
	}

	String redact(JsonNode record) {
		return redactNode(record.deepCopy()).toString();
	}

	private JsonNode redactNode(JsonNode node) {
		if (node.isString()) {
			return StringNode.valueOf(this.dlp.scan(node.asString()).redactedText());
		}
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				object.set(field.getKey(), redactNode(field.getValue()));
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, redactNode(array.get(i)));
			}
		}
		return node;
	}

}
