package io.chatwarden.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.chatwarden.conversation.DlpMatch;
import io.chatwarden.dlp.DlpResult;
import io.chatwarden.dlp.DlpScanner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import org.springframework.stereotype.Component;

/**
 * DLP in one step for everything the sync writes: message text, conversation titles, GPT
 * names, descriptions, instructions and starters, file names, event text and raw events,
 * and dead-letter payloads. Only masked previews and salted hashes of matched values
 * reach the index, whichever path a record took.
 */
@Component
class Redaction {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DlpScanner dlp;

	Redaction(DlpScanner dlp) {
		this.dlp = dlp;
	}

	/** Text with every match masked, and what matched. */
	DlpResult scan(String text) {
		return this.dlp.scan(text);
	}

	/** Text with every match masked (null stays null). */
	String mask(String text) {
		return (text == null) ? null : this.dlp.scan(text).redactedText();
	}

	List<String> mask(List<String> texts) {
		return (texts == null) ? null : texts.stream().map(this::mask).toList();
	}

	/** A copy of a JSON tree with every string masked. */
	JsonNode mask(JsonNode node) {
		return maskNode(node.deepCopy());
	}

	/**
	 * What a record that could not be stored is kept as: masked whole, JSON or not, so
	 * that a malformed line never brings a raw secret into the dead-letter index.
	 */
	String payload(Object record) {
		if (record instanceof JsonNode node) {
			return mask(node).toString();
		}
		if (record instanceof String text) {
			try {
				return mask(json.readTree(text)).toString();
			}
			catch (RuntimeException ex) {
				return mask(text);
			}
		}
		try {
			// A document (not a source record): kept as JSON all the same, so that it can
			// be read and replayed.
			return mask(json.valueToTree(record)).toString();
		}
		catch (RuntimeException ex) {
			return mask(String.valueOf(record));
		}
	}

	static List<String> detectors(List<DlpMatch> matches) {
		List<String> ids = matches.stream().map(DlpMatch::detector).distinct().sorted().toList();
		return ids.isEmpty() ? null : ids;
	}

	/** Detectors of several scans, in one sorted list (null when none). */
	static List<String> union(List<List<String>> lists) {
		TreeSet<String> all = new TreeSet<>();
		lists.stream().filter((l) -> l != null).forEach(all::addAll);
		return all.isEmpty() ? null : new ArrayList<>(all);
	}

	private JsonNode maskNode(JsonNode node) {
		if (node.isString()) {
			return StringNode.valueOf(mask(node.asString()));
		}
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				object.set(field.getKey(), maskNode(field.getValue()));
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, maskNode(array.get(i)));
			}
		}
		return node;
	}

}
