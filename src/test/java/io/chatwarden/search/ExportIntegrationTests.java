package io.chatwarden.search;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.Indices;
import io.chatwarden.store.RawRequests;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.TestAuthentication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed export past OpenSearch's 10,000-hit window, on message documents written
 * straight into the index: every match exactly once, in the index's order unless the
 * caller asks for the recent order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-export", "chatwarden.sync.enabled=false",
				"chatwarden.demo.enabled=false", TestAuthentication.PROPERTY })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIntegrationTests extends OpenSearchTest {

	static final int MATCHING = 10_437;

	static final int CONVERSATIONS = 97;

	@LocalServerPort
	int port;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@Autowired
	RawRequests raw;

	WebTestClient http;

	@BeforeAll
	void seedMoreMessagesThanTheResultWindow(@Autowired BulkWriter writer) {
		new IndexCounts(this.client, this.indices).clear(Indices.MESSAGES);
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		List<BulkWriter.BulkOp> ops = new ArrayList<>();
		for (int i = 0; i < MATCHING + 50; i++) {
			boolean matching = i < MATCHING;
			String conversation = "conv-" + (i % CONVERSATIONS);
			String text = matching ? "Row " + i + ": the zebrafish audit, with \"quotes\", commas\nand a newline"
					: "Row " + i + ": unrelated";
			MessageDocument message = new MessageDocument("msg-" + i, conversation, null, i / CONVERSATIONS, "user",
					null, "text", text, base.plusSeconds(i), null, null, "user-1", "a@example.com", "Title, with comma",
					base.plusSeconds(i % CONVERSATIONS), List.of("https://a.example", "https://b.example"),
					List.of(new MessageDocument.FileDocument("file-1", "report.pdf"),
							new MessageDocument.FileDocument("file-2", "notes.txt")),
					null, null, null, null, null, null, base);
			ops.add(new BulkWriter.BulkOp(this.indices.messages(), message.id(), message));
		}
		Flux.fromIterable(ops).buffer(2000).concatMap(writer::write).blockLast(Duration.ofMinutes(3));
		assertThat(new IndexCounts(this.client, this.indices).count(Indices.MESSAGES)).isEqualTo(MATCHING + 50);
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofMinutes(2))
			.defaultHeader("Authorization", "Bearer " + TestAuthentication.ADMIN_TOKEN)
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
			.build();
	}

	@Test
	void shouldStreamEveryMatchingMessageAsNdjson() throws Exception {
		EntityExchangeResult<String> result = get("/api/export/search?query=zebrafish&format=ndjson");
		assertThat(result.getResponseHeaders().getContentLength()).isEqualTo(-1);
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.TRANSFER_ENCODING)).isEqualTo("chunked");
		String[] lines = result.getResponseBody().split("\n");
		assertThat(lines).hasSize(MATCHING);
		ObjectMapper json = new ObjectMapper();
		Set<String> ids = new HashSet<>();
		for (String line : lines) {
			JsonNode row = json.readTree(line);
			ids.add(row.path("messageId").asText());
			assertThat(row.path("fileNames")).hasSize(2);
		}
		assertThat(ids).hasSize(MATCHING);
	}

	@Test
	void shouldStreamEveryMatchingMessageAsCsvWithQuotedCellsAndFlattenedLists() {
		String body = get("/api/export/search?query=zebrafish&format=csv&userEmails=a@example.com").getResponseBody();
		List<List<String>> records = parse(body);
		assertThat(records.get(0)).isEqualTo(ExportRow.COLUMNS);
		List<List<String>> rows = records.subList(1, records.size());
		assertThat(rows).hasSize(MATCHING).allSatisfy(row -> assertThat(row).hasSize(ExportRow.COLUMNS.size()));
		List<String> first = rows.get(0);
		assertThat(first.get(1)).isEqualTo("Title, with comma");
		assertThat(first.get(10)).contains("with \"quotes\", commas\nand a newline");
		assertThat(first.get(11)).isEqualTo("report.pdf | notes.txt");
		assertThat(rows.stream().map(row -> row.get(4)).distinct().count()).isEqualTo(MATCHING);
	}

	@Test
	void shouldExportInTheIndexOrderUnlessAskedForTheRecentOrder() throws Exception {
		ObjectMapper json = new ObjectMapper();
		List<String> exported = new ArrayList<>();
		for (String line : get("/api/export/search?query=zebrafish&format=ndjson").getResponseBody().split("\n")) {
			exported.add(json.readTree(line).path("messageId").asText());
		}
		Set<String> matching = new HashSet<>(exported);
		assertThat(exported).hasSize(MATCHING).isEqualTo(indexOrder().stream().filter(matching::contains).toList());

		List<JsonNode> recent = new ArrayList<>();
		for (String line : get("/api/export/search?query=zebrafish&format=ndjson&sort=recent").getResponseBody()
			.split("\n")) {
			recent.add(json.readTree(line));
		}
		assertThat(recent).hasSize(MATCHING);
		assertThat(recent.stream().map(row -> row.path("messageId").asText()).distinct()).hasSize(MATCHING);
		for (int i = 1; i < recent.size(); i++) {
			JsonNode before = recent.get(i - 1);
			JsonNode row = recent.get(i);
			int byTime = before.path("conversationLastActiveAt")
				.asText()
				.compareTo(row.path("conversationLastActiveAt").asText());
			assertThat(byTime).as("row %d", i).isGreaterThanOrEqualTo(0);
			if (byTime == 0 && before.path("conversationId").asText().equals(row.path("conversationId").asText())) {
				assertThat(before.path("position").asInt()).as("row %d", i)
					.isLessThanOrEqualTo(row.path("position").asInt());
			}
		}
		this.http.get().uri("/api/export/search?query=zebrafish&sort=score").exchange().expectStatus().isBadRequest();
	}

	/**
	 * Every message id as OpenSearch keeps them ({@code _shard_doc} in a point in time).
	 */
	private List<String> indexOrder() throws Exception {
		ObjectMapper json = new ObjectMapper();
		String pit = json
			.readTree(
					this.raw.send("POST", "/" + this.indices.messages() + "/_search/point_in_time?keep_alive=1m", null)
						.block(Duration.ofSeconds(30))
						.orFail("Opening a point in time")
						.body())
			.path("pit_id")
			.asText();
		List<String> ids = new ArrayList<>();
		JsonNode after = null;
		while (true) {
			com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode();
			body.put("size", 5000);
			body.putObject("pit").put("id", pit).put("keep_alive", "1m");
			body.putArray("sort").addObject().put("_shard_doc", "asc");
			body.putObject("_source").putArray("includes").add("id");
			if (after != null) {
				body.set("search_after", after);
			}
			JsonNode hits = json
				.readTree(this.raw.send("POST", "/_search", body.toString())
					.block(Duration.ofSeconds(30))
					.orFail("Dumping")
					.body())
				.path("hits")
				.path("hits");
			if (hits.isEmpty()) {
				this.raw.send("DELETE", "/_search/point_in_time", "{\"pit_id\": [\"" + pit + "\"]}")
					.block(Duration.ofSeconds(30));
				return ids;
			}
			hits.forEach(hit -> ids.add(hit.path("_source").path("id").asText()));
			after = hits.get(hits.size() - 1).path("sort");
		}
	}

	@Test
	void shouldRejectAnUnknownFormat() {
		this.http.get().uri("/api/export/search?query=x&format=xlsx").exchange().expectStatus().isBadRequest();
	}

	private EntityExchangeResult<String> get(String uri) {
		return this.http.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
	}

	/** A strict RFC 4180 reader, to prove the writer's quoting. */
	static List<List<String>> parse(String csv) {
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				record.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
				record.add(cell.toString());
				cell.setLength(0);
				records.add(record);
				record = new ArrayList<>();
				i++;
			}
			else {
				cell.append(c);
			}
		}
		return records;
	}

}
