package io.chatwarden.search;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

	private static final byte[] SORT_KEY = "\"sort\":[".getBytes(StandardCharsets.UTF_8);

	/**
	 * Where the next page starts, found without reading the page: the last hit's sort
	 * values, which OpenSearch writes as the last {@code "sort":[…]} of the response (a
	 * key inside a document's {@code _source} comes before its hit's own, and a string
	 * value holding those characters is escaped). Lets the next page be fetched while
	 * this one is read. Falls back to reading the page when the key is not found (an
	 * empty page, or a response written differently); {@link #read} then confirms it.
	 */
	static String lastSort(byte[] response) {
		for (int at = response.length - SORT_KEY.length; at >= 0; at--) {
			if (response[at] == '"'
					&& Arrays.equals(response, at, at + SORT_KEY.length, SORT_KEY, 0, SORT_KEY.length)) {
				int array = at + SORT_KEY.length - 1;
				try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), response, array,
						response.length - array)) {
					parser.nextToken();
					return copy(parser);
				}
			}
		}
		return read(response).after();
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
		String conversationLastActiveAt = null;
		String messageId = null;
		int position = 0;
		String role = null;
		String toolName = null;
		String gptId = null;
		String createdAt = null;
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

	/**
	 * An instant as {@link Instant#toString} writes it. The store writes instants that
	 * way, so the text is kept as it is (parsing and writing it again was half the cost
	 * of reading a page); anything else (another offset or precision, epoch milliseconds)
	 * is read and written again.
	 */
	private static String instant(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return Instant.ofEpochMilli(parser.getLongValue()).toString();
		}
		String value = text(parser);
		return (value == null || isWrittenAsInstant(value)) ? value : Instant.parse(value).toString();
	}

	/**
	 * Whether the text has the shape {@link Instant#toString} gives a time in years
	 * 0–9999: {@code 2026-01-02T03:04:05Z}, with a fraction of 3, 6 or 9 digits whose
	 * last three are not all zero.
	 */
	static boolean isWrittenAsInstant(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(length - 1) != 'Z' || !digits(text, 0, 4) || text.charAt(4) != '-'
				|| !digits(text, 5, 2) || text.charAt(7) != '-' || !digits(text, 8, 2) || text.charAt(10) != 'T'
				|| !digits(text, 11, 2) || text.charAt(13) != ':' || !digits(text, 14, 2) || text.charAt(16) != ':'
				|| !digits(text, 17, 2)) {
			return false;
		}
		if (length == 20) {
			return true;
		}
		int fraction = length - 21;
		return text.charAt(19) == '.' && (fraction == 3 || fraction == 6 || fraction == 9) && digits(text, 20, fraction)
				&& !text.startsWith("000", length - 4);
	}

	private static boolean digits(String text, int from, int count) {
		for (int i = from; i < from + count; i++) {
			if (text.charAt(i) < '0' || text.charAt(i) > '9') {
				return false;
			}
		}
		return true;
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
