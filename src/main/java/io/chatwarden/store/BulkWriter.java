package io.chatwarden.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opensearch.client.opensearch._types.ErrorResponse;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

/**
 * Writes documents with {@code _bulk}, keyed by source ids so that a write repeated after
 * a crash or a re-delivery replaces instead of duplicating. Items the cluster pushes back
 * on (429) are retried; items it rejects are returned so the caller can dead-letter them.
 * <p>
 * The body is written here, once, as NDJSON bytes by the same mapper the typed client
 * uses for documents, and the answer is filtered to what is read below: on the ingest
 * path the typed request and response models cost as much CPU as everything else.
 */
@Component
public class BulkWriter {

	private static final int ITEM_ATTEMPTS = 5;

	/** The documents' mapper: ISO instants, nulls left out (so a merge never erases). */
	private static final ObjectMapper MAPPER = OpenSearchConfiguration.documentMapper();

	private static final String NDJSON = "application/x-ndjson";

	/** Enough of the answer to tell which items failed, how and why. */
	private static final Map<String, String> ANSWER = Map.of("filter_path",
			"errors,items.*.status,items.*.error.type,items.*.error.reason");

	private final OpenSearchGenericClient client;

	private final TimePartitions partitions;

	BulkWriter(OpenSearchGenericClient client, TimePartitions partitions) {
		this.client = client;
		this.partitions = partitions;
	}

	/**
	 * Indexes (creates or replaces) every document; completes once the cluster
	 * acknowledged all of them.
	 */
	public Mono<BulkResult> write(List<BulkOp> ops) {
		if (ops.isEmpty()) {
			return Mono.just(new BulkResult(0, List.of()));
		}
		// Messages and events go to the generation of their own timestamp.
		return this.partitions.route(ops).flatMap(routed -> attempt(routed, 1, 0));
	}

	private Mono<BulkResult> attempt(List<BulkOp> ops, int attempt, int succeededBefore) {
		// A later op for the same document wins, as it would in order; one op per
		// document keeps items aligned.
		List<BulkOp> unique = List.copyOf(ops.stream()
			.collect(Collectors.toMap(BulkOp::key, Function.identity(), (first, second) -> second, LinkedHashMap::new))
			.values());
		BlockBody body = ndjson(unique);
		// The transport raises connection failures, 401/403 and 429/5xx answers itself,
		// as it does for typed requests, so StoreFailures reads them the same.
		return OpenSearchCalls
			.mono(() -> this.client
				.executeAsync(Requests.builder().method("POST").endpoint("/_bulk").query(ANSWER).body(body).build()))
			.map(response -> items(response, unique.size()))
			.retryWhen(Retry.backoff(4, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
			.flatMap(items -> {
				List<BulkOp> pushedBack = new ArrayList<>();
				List<BulkFailure> failures = new ArrayList<>();
				int succeeded = succeededBefore + unique.size() - items.size();
				for (ItemError item : items) {
					// Items come back in request order.
					BulkOp op = unique.get(item.position());
					if (item.status() == 429 && attempt < ITEM_ATTEMPTS) {
						pushedBack.add(op);
					}
					else {
						failures.add(new BulkFailure(op, item.status(), item.reason()));
					}
				}
				if (pushedBack.isEmpty()) {
					return Mono.just(new BulkResult(succeeded, failures));
				}
				int done = succeeded;
				return Mono.delay(Duration.ofMillis(200L << attempt))
					.then(attempt(pushedBack, attempt + 1, done))
					.map(rest -> rest.withEarlierFailures(failures));
			});
	}

	/**
	 * The request body: per op an action line and a source line, every value (ids and
	 * index names included) escaped by the JSON generator.
	 */
	static BlockBody ndjson(List<BulkOp> ops) {
		BlockBody out = new BlockBody(NDJSON);
		try (JsonGenerator json = MAPPER.createGenerator(out)) {
			// Top-level values one a line: the NDJSON framing.
			json.setRootValueSeparator(new SerializedString("\n"));
			for (BulkOp op : ops) {
				action(json, op);
				if (op.merge() == null) {
					json.writeObject(op.document());
				}
				else {
					merge(json, op);
				}
			}
			json.writeRaw('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out;
	}

	private static void action(JsonGenerator json, BulkOp op) throws IOException {
		json.writeStartObject();
		json.writeObjectFieldStart((op.merge() == null) ? "index" : "update");
		json.writeStringField("_index", op.index());
		json.writeStringField("_id", op.id());
		if (op.merge() != null) {
			json.writeNumberField("retry_on_conflict", 3);
		}
		json.writeEndObject();
		json.writeEndObject();
	}

	/**
	 * The document is the upsert (a new id) and the script's params.doc (an existing
	 * one); nulls are left out of both by the mapper, so a merge never erases. It is
	 * serialized once and written twice.
	 */
	private static void merge(JsonGenerator json, BulkOp op) throws IOException {
		String document = MAPPER.writeValueAsString(op.document());
		json.writeStartObject();
		json.writeObjectFieldStart("script");
		json.writeStringField("lang", "painless");
		json.writeStringField("source", op.merge().script());
		json.writeObjectFieldStart("params");
		json.writeFieldName("doc");
		json.writeRawValue(document);
		for (Map.Entry<String, Object> param : op.merge().params().entrySet()) {
			json.writeObjectField(param.getKey(), param.getValue());
		}
		json.writeEndObject();
		json.writeEndObject();
		json.writeFieldName("upsert");
		json.writeRawValue(document);
		json.writeEndObject();
	}

	/**
	 * The items that failed; none read when the answer says there were no errors.
	 */
	static List<ItemError> items(Response response, int sent) {
		try (response; InputStream in = response.getBody().map(Body::body).orElse(InputStream.nullInputStream())) {
			if (response.getStatus() < 200 || response.getStatus() >= 300) {
				throw failed(response.getStatus(), MAPPER.readTree(in));
			}
			return items(in, sent);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<ItemError> items(InputStream in, int sent) throws IOException {
		try (JsonParser parser = MAPPER.createParser(in)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("A _bulk answer that is not an object");
			}
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String field = parser.currentName();
				parser.nextToken();
				if ("errors".equals(field) && !parser.getBooleanValue()) {
					return List.of();
				}
				if ("items".equals(field)) {
					return failedItems(MAPPER.readTree(parser), sent);
				}
				parser.skipChildren();
			}
		}
		throw new IllegalStateException("A _bulk answer without its items");
	}

	private static List<ItemError> failedItems(JsonNode items, int sent) {
		if (items.size() != sent) {
			throw new IllegalStateException("A _bulk answer with " + items.size() + " items for " + sent + " sent");
		}
		List<ItemError> failed = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			// One field, named by the action: {"update": {"status": 429, "error": {…}}}.
			JsonNode item = items.get(i).elements().next();
			JsonNode error = item.get("error");
			if (error != null) {
				failed.add(new ItemError(i, item.path("status").asInt(),
						error.path("type").asText(null) + ": " + error.path("reason").asText(null)));
			}
		}
		return failed;
	}

	/** A request the node refused whole, raised as the typed client raises it. */
	private static OpenSearchException failed(int status, JsonNode answer) {
		JsonNode error = answer.path("error");
		String type = error.isTextual() ? "http_" + status : error.path("type").asText("http_" + status);
		String reason = error.isTextual() ? error.asText() : error.path("reason").asText(null);
		return new OpenSearchException(
				ErrorResponse.of(e -> e.status(status).error(cause -> cause.type(type).reason(reason))));
	}

	/** An item of a {@code _bulk} answer that failed, by its position in the request. */
	record ItemError(int position, int status, String reason) {
	}

	/**
	 * One document to write under an id: indexed whole, or merged into the stored one by
	 * a script when {@code merge} is set.
	 */
	public record BulkOp(String index, String id, Object document, Merge merge) {

		public BulkOp(String index, String id, Object document) {
			this(index, id, document, null);
		}

		String key() {
			return this.index + "/" + this.id;
		}

	}

	/**
	 * A painless update script run against the stored document, with the new document as
	 * {@code params.doc} and these extra params.
	 */
	public record Merge(String script, Map<String, Object> params) {
	}

	/** A document the cluster would not take, and why. */
	public record BulkFailure(BulkOp op, int status, String reason) {
	}

	/** What a bulk write achieved. */
	public record BulkResult(int succeeded, List<BulkFailure> failures) {

		BulkResult withEarlierFailures(List<BulkFailure> earlier) {
			List<BulkFailure> all = new ArrayList<>(earlier);
			all.addAll(this.failures);
			return new BulkResult(this.succeeded, all);
		}

	}

}
