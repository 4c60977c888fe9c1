package io.chatwarden.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.BulkWriter.ItemError;
import io.chatwarden.store.BulkWriter.Merge;
import io.chatwarden.support.OpenSearchTest;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.NdJsonpSerializable;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.BuiltinScriptLanguage;
import org.opensearch.client.opensearch._types.Script;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code _bulk} body the writer prepares itself: the same JSON the typed client sent
 * (nulls left out, ISO instants), and ids written as values, never as request structure.
 */
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-bulk-body", "chatwarden.sync.enabled=false" })
class BulkBodyTests extends OpenSearchTest {

	static final ObjectMapper json = new ObjectMapper();

	@Autowired
	BulkWriter writer;

	@Autowired
	Indices indices;

	@Autowired
	OpenSearchAsyncClient client;

	@Test
	void shouldWriteTheSameJsonAsTheTypedClientLeavingNullsOut() throws Exception {
		Sample document = new Sample("m-1", Instant.parse("2026-03-01T10:15:30.123Z"), null, List.of("a", "b"),
				Map.of("nested", "v"));
		List<BulkOp> ops = List.of(new BulkOp("cw-messages", "m-1", document), new BulkOp("cw-messages", "m-1",
				document, new Merge("ctx._source.putAll(params.doc)", Map.of("content", List.of("text", "files")))));

		List<String> ours = lines(BulkWriter.ndjson(ops).toByteArray());
		List<String> typed = lines(typed(ops));

		assertThat(ours).hasSameSizeAs(typed).hasSize(4);
		for (int i = 0; i < ours.size(); i++) {
			assertThat(json.readTree(ours.get(i))).as(ours.get(i)).isEqualTo(json.readTree(typed.get(i)));
		}
		// A document line is byte for byte what the mapper wrote.
		assertThat(ours.get(1)).isEqualTo(typed.get(1))
			.isEqualTo("{\"id\":\"m-1\",\"at\":\"2026-03-01T10:15:30.123Z\",\"tags\":[\"a\",\"b\"],"
					+ "\"extra\":{\"nested\":\"v\"}}");
		JsonNode update = json.readTree(ours.get(3));
		assertThat(json.readTree(ours.get(2)).path("update").path("retry_on_conflict").asInt()).isEqualTo(3);
		assertThat(update.path("script").path("params").path("doc").has("missing")).isFalse();
		assertThat(update.path("upsert").has("missing")).isFalse();
	}

	@Test
	void shouldIndexAnIdThatLooksLikeBulkActionsAsThatLiteralIdAndNothingElse() throws Exception {
		String index = this.indices.users();
		String hostile = "evil\"}}\n{\"index\":{\"_index\":\"" + index
				+ "\",\"_id\":\"injected\"}}\n{\"id\":\"injected";

		var result = this.writer.write(List.of(new BulkOp(index, hostile, Map.of("id", hostile)))).block();

		assertThat(result.succeeded()).isEqualTo(1);
		assertThat(result.failures()).isEmpty();
		this.client.indices().refresh(r -> r.index(index)).get();
		var hits = this.client.search(s -> s.index(index), Map.class).get().hits();
		assertThat(hits.total().value()).isEqualTo(1);
		assertThat(hits.hits().get(0).id()).isEqualTo(hostile);
		assertThat(hits.hits().get(0).source()).containsEntry("id", hostile);
		assertThat(this.client.exists(e -> e.index(index).id("injected")).get().value()).isFalse();
	}

	@Test
	void shouldMergeWithoutErasingWhatTheNewDocumentLeavesOut() throws Exception {
		String index = this.indices.alias(Indices.INVITES);
		this.writer.write(List.of(new BulkOp(index, "i-1", new Invite("i-1", "a@x.io", "member")))).block();
		Merge setAll = new Merge("for (def e : params.doc.entrySet()) { ctx._source[e.getKey()] = e.getValue(); }",
				Map.of());

		var result = this.writer.write(List.of(new BulkOp(index, "i-1", new Invite("i-1", null, "owner"), setAll)))
			.block();

		assertThat(result.succeeded()).isEqualTo(1);
		Map<?, ?> stored = this.client.get(g -> g.index(index).id("i-1"), Map.class).get().source();
		assertThat(stored.get("email")).isEqualTo("a@x.io");
		assertThat(stored.get("role")).isEqualTo("owner");
	}

	@Test
	void shouldReadOnlyTheFailedItemsOfAnAnswer() throws Exception {
		assertThat(BulkWriter.items(answer("{\"errors\":false,\"items\":[{\"index\":{\"status\":201}}]}"), 1))
			.isEmpty();
		String failed = """
				{"errors":true,"items":[{"index":{"status":201}},
				{"update":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}},
				{"index":{"status":400,"error":{"type":"strict_dynamic_mapping_exception","reason":"no field x"}}}]}
				""";
		assertThat(BulkWriter.items(answer(failed), 3)).containsExactly(
				new ItemError(1, 429, "es_rejected_execution_exception: queue full"),
				new ItemError(2, 400, "strict_dynamic_mapping_exception: no field x"));
	}

	private static ByteArrayInputStream answer(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> lines(byte[] ndjson) {
		String text = new String(ndjson, StandardCharsets.UTF_8);
		assertThat(text).endsWith("\n");
		return List.of(text.split("\n"));
	}

	/**
	 * The body the typed client sent for these ops, written as its transport writes it.
	 */
	private static byte[] typed(List<BulkOp> ops) {
		JsonpMapper mapper = new JacksonJsonpMapper(OpenSearchConfiguration.documentMapper());
		BulkRequest request = BulkRequest.of(b -> b.operations(ops.stream().map(BulkBodyTests::operation).toList()));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		writeNdJson(request, mapper, out);
		return out.toByteArray();
	}

	private static void writeNdJson(NdJsonpSerializable value, JsonpMapper mapper, ByteArrayOutputStream out) {
		Iterator<?> values = value._serializables();
		while (values.hasNext()) {
			Object item = values.next();
			if (item instanceof NdJsonpSerializable nested && item != value) {
				writeNdJson(nested, mapper, out);
			}
			else {
				JsonGenerator generator = mapper.jsonProvider().createGenerator(out);
				mapper.serialize(item, generator);
				generator.close();
				out.write('\n');
			}
		}
	}

	/** The typed operation the writer built before it wrote bodies itself. */
	private static BulkOperation operation(BulkOp op) {
		if (op.merge() == null) {
			return BulkOperation.of(b -> b.index(i -> i.index(op.index()).id(op.id()).document(op.document())));
		}
		Map<String, JsonData> params = new LinkedHashMap<>();
		params.put("doc", JsonData.of(op.document()));
		op.merge().params().forEach((name, value) -> params.put(name, JsonData.of(value)));
		return BulkOperation.of(b -> b.update(u -> u.index(op.index())
			.id(op.id())
			.retryOnConflict(3)
			.script(Script.of(s -> s.inline(i -> i.lang(l -> l.builtin(BuiltinScriptLanguage.Painless))
				.source(op.merge().script())
				.params(params))))
			.upsert(op.document())));
	}

	record Invite(String id, String email, String role) {
	}

	record Sample(String id, Instant at, String missing, List<String> tags, Map<String, String> extra) {
	}

}
