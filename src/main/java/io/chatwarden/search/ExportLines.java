package io.chatwarden.search;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Export rows as one buffer of NDJSON or CSV lines: one write per {@link #CHUNK_ROWS}
 * rows, not per row (each write costs a syscall). An NDJSON line holds the
 * {@link ExportRow} fields in their order, null fields left out, lists always present.
 */
final class ExportLines {

	/** No root separator: lines end with a newline instead, and "/" is left as is. */
	private static final JsonFactory JSON = JsonFactory.builder()
		.rootValueSeparator((String) null)
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.build();

	/**
	 * Rows per buffer. Not a whole page: the server queues up to 128 buffers for a slow
	 * client, so a buffer must stay small for memory to stay bounded.
	 */
	static final int CHUNK_ROWS = 256;

	private ExportLines() {
	}

	/** A page cut into buffers' worth of rows. */
	static List<List<ExportRow>> chunks(List<ExportRow> rows) {
		List<List<ExportRow>> chunks = new ArrayList<>();
		for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
			chunks.add(rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS)));
		}
		return chunks;
	}

	static DataBuffer ndjson(List<ExportRow> rows) {
		DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.allocateBuffer(rows.size() * 512);
		try (OutputStream out = buffer.asOutputStream();
				JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			for (ExportRow row : rows) {
				write(row, generator);
				generator.writeRaw('\n');
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return buffer;
	}

	static DataBuffer csv(List<ExportRow> rows) {
		StringBuilder lines = new StringBuilder(rows.size() * 512);
		rows.forEach(row -> lines.append(Csv.line(row.values())));
		return DefaultDataBufferFactory.sharedInstance.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static void write(ExportRow row, JsonGenerator generator) {
		generator.writeStartObject();
		string(generator, "conversationId", row.conversationId());
		string(generator, "conversationTitle", row.conversationTitle());
		string(generator, "userEmail", row.userEmail());
		string(generator, "conversationLastActiveAt", row.conversationLastActiveAt());
		string(generator, "messageId", row.messageId());
		generator.writeNumberProperty("position", row.position());
		string(generator, "role", row.role());
		string(generator, "toolName", row.toolName());
		string(generator, "gptId", row.gptId());
		string(generator, "createdAt", row.createdAt());
		string(generator, "text", row.text());
		strings(generator, "fileNames", row.fileNames());
		strings(generator, "citationUrls", row.citationUrls());
		strings(generator, "dlpDetectors", row.dlpDetectors());
		generator.writeEndObject();
	}

	private static void string(JsonGenerator generator, String name, String value) {
		if (value != null) {
			generator.writeStringProperty(name, value);
		}
	}

	private static void strings(JsonGenerator generator, String name, List<String> values) {
		if (values == null) {
			return;
		}
		generator.writeName(name);
		generator.writeStartArray();
		for (String value : values) {
			generator.writeString(value);
		}
		generator.writeEndArray();
	}

}
