package io.chatwarden.search;

import java.io.StringWriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatwarden.security.Callers;
import io.chatwarden.store.RawRequests;
import io.chatwarden.system.BadRequestException;
import jakarta.json.stream.JsonGenerator;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.JsonpSerializable;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Search requests as JSON. The typed client has no {@code max_analyzer_offset} on
 * highlights, so search bodies are built as JSON (queries still come from the typed
 * builders) and sent as plain requests; documents are read with the store's mapper.
 */
@Component
class SearchJson {

	/** How long a search's point in time lives between two pages. */
	static final String KEEP_ALIVE = "5m";

	private final RawRequests requests;

	private final JsonpMapper jsonp;

	private final ObjectMapper mapper;

	private final PitBudget budget;

	SearchJson(RawRequests requests, OpenSearchAsyncClient client, PitBudget budget) {
		this.requests = requests;
		this.budget = budget;
		this.jsonp = client._transport().jsonpMapper();
		this.mapper = ((JacksonJsonpMapper) this.jsonp).objectMapper();
	}

	ObjectMapper mapper() {
		return this.mapper;
	}

	ObjectNode object() {
		return this.mapper.createObjectNode();
	}

	/** A typed query (or any typed request part) as a JSON tree. */
	JsonNode tree(JsonpSerializable value) {
		StringWriter out = new StringWriter();
		try (JsonGenerator generator = this.jsonp.jsonProvider().createGenerator(out)) {
			value.serialize(generator, this.jsonp);
		}
		return read(out.toString());
	}

	<T> T convert(JsonNode node, Class<T> type) {
		try {
			return this.mapper.treeToValue(node, type);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable document: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Opens a point in time on an index, within the caller's {@link PitBudget}.
	 */
	Mono<String> openPit(String index) {
		return Callers.current().flatMap(caller -> {
			Object reservation = this.budget.reserve(caller.key());
			return this.requests.send("POST", "/" + index + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE, null)
				.map(response -> read(response.orFail("Opening a point in time").body()).path("pit_id").asText())
				.doOnNext(pitId -> this.budget.opened(reservation, pitId))
				.doOnError(ex -> this.budget.cancel(reservation))
				.doOnCancel(() -> this.budget.cancel(reservation));
		});
	}

	/** Closes a point in time; a point in time that already expired is fine. */
	Mono<Void> closePit(String pitId) {
		ObjectNode body = object();
		body.putArray("pit_id").add(pitId);
		// Released before the answer goes on (doFinally would run after it: a caller
		// could see its point in time still counted, and be refused a new one).
		return this.requests.send("DELETE", "/_search/point_in_time", body.toString())
			.doOnTerminate(() -> this.budget.closed(pitId))
			.doOnCancel(() -> this.budget.closed(pitId))
			.then();
	}

	/**
	 * Runs a search; a point in time that expired (or a tampered cursor) is the client's
	 * to fix.
	 */
	Mono<JsonNode> search(String endpoint, ObjectNode body) {
		if (body.has("pit")) {
			this.budget.used(body.path("pit").path("id").asText());
		}
		return this.requests.send("POST", endpoint, body.toString()).map(response -> {
			if (!response.ok() && body.has("pit") && expiredOrForeign(response)) {
				throw new BadRequestException(
						"This search's cursor expired (a cursor lives " + KEEP_ALIVE + " after its last use) or is not"
								+ " one this API returned: run the search again from the first page");
			}
			return read(response.orFail("Search").body());
		});
	}

	/**
	 * Runs a search in a point in time and answers the response's bytes, for a reader
	 * that streams them.
	 */
	Mono<byte[]> searchBytes(String endpoint, ObjectNode body) {
		this.budget.used(body.path("pit").path("id").asText());
		return this.requests.bytes("POST", endpoint, body.toString(), "Search");
	}

	private static boolean expiredOrForeign(RawRequests.RawResponse response) {
		String text = response.body().toLowerCase(java.util.Locale.ROOT);
		return response.status() == 404 || text.contains("search_context") || text.contains("bytes were read")
				|| text.contains("pit id") || text.contains("pit_id");
	}

	JsonNode read(String json) {
		try {
			return this.mapper.readTree(json);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable OpenSearch response: " + ex.getOriginalMessage());
		}
	}

}
