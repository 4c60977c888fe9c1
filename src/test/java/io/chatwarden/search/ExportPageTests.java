package io.chatwarden.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chatwarden.conversation.MessageDocument;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The export's streamed path (response bytes to rows to NDJSON) writes exactly the line
 * that mapping the stored document to a row and serializing it would.
 */
class ExportPageTests {

	/** How the store writes documents: ISO instants, nulls left out. */
	static final ObjectMapper store = JsonMapper.builder()
		.addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.serializationInclusion(JsonInclude.Include.NON_NULL)
		.build();

	@Test
	void shouldWriteTheSameLineAsTheTypedRow() throws Exception {
		MessageDocument awkward = message("msg-1",
				"Quotes \"x\", back\\slash, a/b </script>, tab\t, bell\u0007, é, 😀\nnext line", null,
				List.of(new MessageDocument.FileDocument("f-1", "report, final.pdf"),
						new MessageDocument.FileDocument("f-2", null)),
				List.of("https://a.example/x?y=1"), List.of("email"), Instant.parse("2026-01-02T03:04:05.123456789Z"));
		MessageDocument sparse = new MessageDocument("msg-2", "conv-2", null, 0, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null);
		String response = "{\"hits\":{\"hits\":[{\"_source\":" + store.writeValueAsString(awkward)
				+ ",\"sort\":[12]},{\"_source\":" + store.writeValueAsString(sparse)
				+ ",\"sort\":[-9223372036854775808,\"conv-2\",0,\"msg-2\"]}]}}";

		ExportPage page = ExportPage.read(response.getBytes(StandardCharsets.UTF_8));

		assertThat(page.after()).isEqualTo("[-9223372036854775808,\"conv-2\",0,\"msg-2\"]");
		assertThat(text(ExportLines.ndjson(page.rows()))).isEqualTo(
				store.writeValueAsString(typed(awkward)) + "\n" + store.writeValueAsString(typed(sparse)) + "\n");
	}

	@Test
	void shouldSkipWhatTheResponseHoldsBesideTheHits() throws Exception {
		MessageDocument message = message("msg-9", "text", null, null, null, null,
				Instant.parse("2026-01-02T00:00:00Z"));
		String response = "{\"took\":3,\"timed_out\":false,\"_shards\":{\"total\":1,\"failures\":[]},"
				+ "\"hits\":{\"max_score\":null,\"hits\":[{\"_index\":\"m\",\"_id\":\"msg-9\",\"_score\":null,"
				+ "\"_source\":" + store.writeValueAsString(message) + ",\"sort\":[7]}]},\"pit_id\":\"p\"}";

		ExportPage page = ExportPage.read(response.getBytes(StandardCharsets.UTF_8));

		assertThat(page.rows()).containsExactly(typed(message));
		assertThat(page.after()).isEqualTo("[7]");
	}

	@Test
	void shouldKeepTimesWrittenAsInstantsAndRewriteOthers() throws Exception {
		for (String kept : List.of("2026-01-02T03:04:05Z", "2026-01-02T03:04:05.120Z", "2026-01-02T03:04:05.000001Z",
				"2026-01-02T03:04:05.123456789Z")) {
			assertThat(ExportPage.isWrittenAsInstant(kept)).as(kept).isTrue();
			assertThat(Instant.parse(kept).toString()).isEqualTo(kept);
		}
		for (String rewritten : List.of("2026-01-02T03:04:05.12Z", "2026-01-02T03:04:05.000Z",
				"2026-01-02T03:04:05.123000Z", "2026-01-02T04:04:05+01:00", "2026-01-02 03:04:05Z", "x")) {
			assertThat(ExportPage.isWrittenAsInstant(rewritten)).as(rewritten).isFalse();
		}
		String response = "{\"hits\":{\"hits\":[{\"_source\":{\"createdAt\":\"2026-01-02T04:04:05.5+01:00\","
				+ "\"conversationLastActiveAt\":1767225600000},\"sort\":[1]}]}}";
		ExportRow row = ExportPage.read(response.getBytes(StandardCharsets.UTF_8)).rows().get(0);
		assertThat(row.createdAt()).isEqualTo("2026-01-02T03:04:05.500Z");
		assertThat(row.conversationLastActiveAt()).isEqualTo("2026-01-01T00:00:00Z");
	}

	@Test
	void shouldSizeTheNextPageByTheBytesPerRow() {
		// Short rows: as many as OpenSearch serves in one page.
		assertThat(new ExportGateway.Fetched(new byte[300_000], "[1]", 1000).nextSize())
			.isEqualTo(ExportGateway.MAX_PAGE);
		// Rows of 100 kB: few enough that a page weighs about PAGE_BYTES.
		assertThat(new ExportGateway.Fetched(new byte[100_000_000], "[1]", 1000).nextSize())
			.isEqualTo((int) (ExportGateway.PAGE_BYTES / 100_000));
		// A row larger than PAGE_BYTES still moves on, one row at a time.
		assertThat(new ExportGateway.Fetched(new byte[50_000_000], "[1]", 1).nextSize()).isEqualTo(1);
	}

	@Test
	void shouldFindWhereTheNextPageStartsFromTheEndOfTheResponse() throws Exception {
		// A document that holds the key itself, as a field and inside its text.
		String tricky = "{\"id\":\"m\",\"sort\":[99],\"text\":\"\\\"sort\\\":[98]\"}";
		String response = "{\"took\":3,\"hits\":{\"hits\":[{\"_id\":\"a\",\"_source\":" + tricky
				+ ",\"sort\":[5,\"conv-]\"]},{\"_id\":\"b\",\"_source\":" + tricky + ",\"sort\":[7,\"conv-\\\"x\"]}]}}";
		byte[] bytes = response.getBytes(StandardCharsets.UTF_8);

		assertThat(ExportPage.lastSort(bytes)).isEqualTo("[7,\"conv-\\\"x\"]")
			.isEqualTo(ExportPage.read(bytes).after());
		assertThat(new ExportGateway.Fetched(bytes, ExportPage.lastSort(bytes), 2).rows()).hasSize(2);
	}

	@Test
	void shouldEndOnAnEmptyPageAndRefuseAPageThatEndsElsewhere() {
		byte[] empty = "{\"hits\":{\"hits\":[]}}".getBytes(StandardCharsets.UTF_8);
		assertThat(ExportPage.lastSort(empty)).isNull();
		byte[] page = "{\"hits\":{\"hits\":[{\"_source\":{\"id\":\"m\"},\"sort\":[3]}]}}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(ExportPage.lastSort(page)).isEqualTo("[3]");
		assertThatIllegalStateException().isThrownBy(() -> new ExportGateway.Fetched(page, "[2]", 10).rows())
			.withMessageContaining("[3]");
	}

	@Test
	void shouldCutAPageIntoSmallBuffers() {
		List<ExportRow> rows = java.util.Collections.nCopies(600,
				typed(message("m", "t", null, null, null, null, Instant.parse("2026-01-02T00:00:00Z"))));
		assertThat(ExportLines.chunks(rows)).extracting(List::size)
			.containsExactly(ExportLines.CHUNK_ROWS, ExportLines.CHUNK_ROWS, 600 - 2 * ExportLines.CHUNK_ROWS);
		assertThat(ExportLines.chunks(List.of())).isEmpty();
	}

	@Test
	void shouldReadAnEmptyPage() {
		ExportPage page = ExportPage.read("{}".getBytes(StandardCharsets.UTF_8));
		assertThat(page.rows()).isEmpty();
		assertThat(page.after()).isNull();
		assertThat(text(ExportLines.ndjson(page.rows()))).isEmpty();
	}

	@Test
	void shouldWriteCsvLinesInColumnOrder() throws Exception {
		MessageDocument message = message("msg-3", "=1+1, said \"she\"", "python",
				List.of(new MessageDocument.FileDocument("f-1", "a.txt"),
						new MessageDocument.FileDocument("f-2", "b.txt")),
				List.of(), null, Instant.parse("2026-01-02T00:00:00Z"));
		String response = "{\"hits\":{\"hits\":[{\"_source\":" + store.writeValueAsString(message)
				+ ",\"sort\":[1]}]}}";

		String csv = text(ExportLines.csv(ExportPage.read(response.getBytes(StandardCharsets.UTF_8)).rows()));

		assertThat(csv).isEqualTo(Csv.line(typed(message).values()));
		assertThat(ExportIntegrationTests.parse(csv).get(0)).containsExactly("conv-1", "Title", "a@example.com",
				"2026-01-03T00:00:00Z", "msg-3", "4", "tool", "python", "g-1", "2026-01-02T00:00:00Z",
				"'=1+1, said \"she\"", "a.txt | b.txt", "", "");
	}

	private static MessageDocument message(String id, String text, String toolName,
			List<MessageDocument.FileDocument> files, List<String> citations, List<String> detectors,
			Instant createdAt) {
		return new MessageDocument(id, "conv-1", "parent", 4, "tool", toolName, "text", text, createdAt, "g-1", "p-1",
				"user-1", "a@example.com", "Title", Instant.parse("2026-01-03T00:00:00Z"), citations, files, "gpt-5",
				List.of("python"), "web", "chat", detectors, null, Instant.parse("2026-01-04T00:00:00Z"));
	}

	/** The row as the export built it before it streamed: from the typed document. */
	private static ExportRow typed(MessageDocument message) {
		return new ExportRow(message.conversationId(), message.conversationTitle(), message.userEmail(),
				text(message.conversationLastActiveAt()), message.id(), message.position(), message.role(),
				message.toolName(), message.gptId(), text(message.createdAt()), message.text(),
				(message.files() == null) ? List.of()
						: message.files().stream().map(MessageDocument.FileDocument::name).toList(),
				(message.citationUrls() == null) ? List.of() : message.citationUrls(),
				(message.dlpDetectors() == null) ? List.of() : message.dlpDetectors());
	}

	private static String text(Instant instant) {
		return (instant == null) ? null : instant.toString();
	}

	private static String text(DataBuffer buffer) {
		return buffer.toString(StandardCharsets.UTF_8);
	}

}
