package io.chatwarden.search;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One page of an export as OpenSearch sends it, read straight from its bytes into rows:
 * no tree and no document mapping in between. Only the hits' {@code _source} and
 * {@code sort} are read; the rest of the response is skipped.
 *
 * @param rows the page's rows, in the order of the hits
 * @param after the last hit's sort values as JSON (where the next page starts), or
 * {@code null} on an empty page
 */
record ExportPage(List<ExportRow> rows, String after) {

	private static final JsonFactory JSON = new JsonFactory();

	static ExportPage read(byte[] response) {
		List<ExportRow> rows = new ArrayList<>();
		String after = null;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), response)) {
			if (parser.nextToken() != JsonToken.START_OBJECT || !into(parser, "hits") || !into(parser, "hits")) {
				// No hits array (a response filtered with filter_path leaves it out).
				return new ExportPage(rows, null);
			}
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				ExportRow row = null;
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					parser.nextToken();
					if ("_source".equals(name)) {
						row = source(parser);
					}
					else if ("sort".equals(name)) {
						after = copy(parser);
					}
					else {
						parser.skipChildren();
					}
				}
				if (row != null) {
					rows.add(row);
				}
			}
		}
		return new ExportPage(rows, after);
	}

	/**
	 * Moves into the object or array held by this property of the current object; false
	 * when it is absent.
	 */
	private static boolean into(JsonParser parser, String property) {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			boolean wanted = property.equals(parser.currentName());
			JsonToken value = parser.nextToken();
			if (wanted) {
				return value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY;
			}
			parser.skipChildren();
		}
		return false;
	}

	/** A message document as a row: the fields a row holds, the others skipped. */
	private static ExportRow source(JsonParser parser) {
		String conversationId = null;
		String conversationTitle = null;
		String userEmail = null;
		Instant conversationLastActiveAt = null;
		String messageId = null;
		int position = 0;
		String role = null;
		String toolName = null;
		String gptId = null;
		Instant createdAt = null;
		String text = null;
		List<String> fileNames = List.of();
		List<String> citationUrls = List.of();
		List<String> dlpDetectors = List.of();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			switch (name) {
				case "conversationId" -> conversationId = text(parser);
				case "conversationTitle" -> conversationTitle = text(parser);
				case "userEmail" -> userEmail = text(parser);
				case "conversationLastActiveAt" -> conversationLastActiveAt = instant(parser);
				case "id" -> messageId = text(parser);
				case "position" -> position = parser.getValueAsInt(0);
				case "role" -> role = text(parser);
				case "toolName" -> toolName = text(parser);
				case "gptId" -> gptId = text(parser);
				case "createdAt" -> createdAt = instant(parser);
				case "text" -> text = text(parser);
				case "files" -> fileNames = fileNames(parser);
				case "citationUrls" -> citationUrls = texts(parser);
				case "dlpDetectors" -> dlpDetectors = texts(parser);
				default -> parser.skipChildren();
			}
		}
		return new ExportRow(conversationId, conversationTitle, userEmail, conversationLastActiveAt, messageId,
				position, role, toolName, gptId, createdAt, text, fileNames, citationUrls, dlpDetectors);
	}

	private static String text(JsonParser parser) {
		if (parser.currentToken().isStructStart()) {
			parser.skipChildren();
			return null;
		}
		return parser.getValueAsString();
	}

	/** An instant as the store writes it (ISO-8601), or epoch milliseconds. */
	private static Instant instant(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return Instant.ofEpochMilli(parser.getLongValue());
		}
		String value = text(parser);
		return (value == null) ? null : Instant.parse(value);
	}

	/** A list of strings; a single value is a list of one (OpenSearch allows either). */
	private static List<String> texts(JsonParser parser) {
		List<String> values = new ArrayList<>();
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			if (parser.currentToken() != JsonToken.VALUE_NULL) {
				values.add(text(parser));
			}
			return values;
		}
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			values.add(text(parser));
		}
		return values;
	}

	/** The {@code name} of each attached file (an object, or an array of them). */
	private static List<String> fileNames(JsonParser parser) {
		List<String> names = new ArrayList<>();
		if (parser.currentToken() == JsonToken.START_OBJECT) {
			names.add(fileName(parser));
		}
		else if (parser.currentToken() == JsonToken.START_ARRAY) {
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				if (parser.currentToken() == JsonToken.START_OBJECT) {
					names.add(fileName(parser));
				}
				else {
					parser.skipChildren();
				}
			}
		}
		return names;
	}

	private static String fileName(JsonParser parser) {
		String name = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			boolean wanted = "name".equals(parser.currentName());
			parser.nextToken();
			if (wanted) {
				name = text(parser);
			}
			else {
				parser.skipChildren();
			}
		}
		return name;
	}

	/** The current value, exactly as JSON text. */
	private static String copy(JsonParser parser) {
		StringWriter out = new StringWriter();
		try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			generator.copyCurrentStructure(parser);
		}
		return out.toString();
	}

}
