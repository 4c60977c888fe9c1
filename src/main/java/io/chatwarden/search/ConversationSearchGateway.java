package io.chatwarden.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.system.BadRequestException;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Searches messages and pages through the conversations they belong to: one collapsed hit
 * per conversation with its best messages highlighted. A first page is a single request;
 * a caller who pages on gets a point in time, so that later pages read the same data
 * while the sync goes on.
 */
@Component
class ConversationSearchGateway {

	/** Collapsed hits OpenSearch serves by offset (its {@code max_result_window}). */
	static final int MAX_WINDOW = 10_000;

	/** Highlighting reads at most this many characters of a message. */
	static final int MAX_ANALYZER_OFFSET = 100_000;

	static final int BEST_MESSAGES = 3;

	private static final List<String> HIGHLIGHTED = List.of("text", "text.en");

	/**
	 * What a hit must carry for its conversation ({@link #fromMessage}): all a page reads
	 * of a message unless the best messages themselves are selected.
	 */
	private static final List<String> CONVERSATION_FIELDS = List.of("conversationId", "userId", "userEmail",
			"conversationTitle", "conversationLastActiveAt");

	private final SearchJson json;

	private final SearchAggregations aggregations;

	private final OpenSearchAsyncClient client;

	private final Indices indices;

	private final ToolConversations tools;

	ConversationSearchGateway(SearchJson json, SearchAggregations aggregations, OpenSearchAsyncClient client,
			Indices indices, ToolConversations tools) {
		this.json = json;
		this.aggregations = aggregations;
		this.client = client;
		this.indices = indices;
		this.tools = tools;
	}

	/**
	 * A page of the search.
	 * @param matchedMessages whether the caller selected the best messages themselves;
	 * else hits carry only their conversation's fields
	 */
	Mono<SearchPage> page(SearchSpec spec, PageRequest page, Integer facetSize, boolean matchedMessages) {
		int search = spec.fingerprint();
		SearchCursor cursor = (page.after() == null) ? null : SearchCursor.decode(page.after(), search);
		if (cursor != null && spec.sort() == SearchSort.RELEVANCE && cursor.offset() + page.first() > MAX_WINDOW) {
			throw new BadRequestException("Relevance order pages through the first " + MAX_WINDOW
					+ " conversations; sort by RECENT or export to read further");
		}
		Mono<ToolSets> toolSets = this.tools.forSearch(spec, facetSize != null);
		return toolSets.flatMap(sets -> page(spec, page, cursor, sets, new Shape(facetSize, matchedMessages), search));
	}

	/** What the caller selected that changes the request: facets, whole messages. */
	private record Shape(Integer facetSize, boolean matchedMessages) {
	}

	private Mono<SearchPage> page(SearchSpec spec, PageRequest page, SearchCursor cursor, ToolSets sets, Shape shape,
			int search) {
		Integer facetSize = shape.facetSize();
		if (cursor == null) {
			// A first page is one request on the live index: no point in time (most
			// searches are never paged, and each one held would count against the
			// caller's budget for minutes), and no second read of the conversations.
			return this.json
				.search("/" + this.indices.messages() + "/_search", body(spec, page, null, null, sets, shape))
				.flatMap(response -> toPage(response, spec, page, null, null, search, facetSize));
		}
		// The caller pages: the point in time is opened by the second page and read by
		// every later one, so later pages do not shift while the sync writes.
		Mono<String> pit = (cursor.pit() == null) ? this.json.openPit(this.indices.messages())
				: Mono.just(cursor.pit());
		return pit.flatMap(pitId -> this.json.search("/_search", body(spec, page, cursor, pitId, sets, shape))
			.flatMap(response -> toPage(response, spec, page, cursor, pitId, search, facetSize))
			.flatMap(result -> result.pageInfo().hasNextPage() ? Mono.just(result)
					: this.json.closePit(pitId).thenReturn(result))
			.onErrorResume(ex -> (cursor.pit() != null) ? Mono.error(ex)
					: this.json.closePit(pitId).onErrorComplete().then(Mono.error(ex))));
	}

	private ObjectNode body(SearchSpec spec, PageRequest page, SearchCursor cursor, String pitId, ToolSets sets,
			Shape shape) {
		ObjectNode body = this.json.object();
		if (pitId != null) {
			body.putObject("pit").put("id", pitId).put("keep_alive", SearchJson.KEEP_ALIVE);
		}
		body.put("size", page.first() + 1);
		body.put("track_total_hits", false);
		body.set("query", this.json.tree(spec.query(sets)));
		// The collapsed hit's own document is never read: its best messages hold it.
		body.set("_source", conversationFields());
		ObjectNode collapse = body.putObject("collapse").put("field", "conversationId");
		ObjectNode inner = collapse.putObject("inner_hits").put("name", "best").put("size", BEST_MESSAGES);
		if (shape.matchedMessages()) {
			inner.put("_source", true);
		}
		else {
			inner.set("_source", conversationFields());
		}
		inner.set("highlight", highlight());
		ArrayNode sort = body.putArray("sort");
		if (spec.sort() == SearchSort.RECENT) {
			sort.addObject().putObject("conversationLastActiveAt").put("order", "desc").put("missing", "_last");
			sort.addObject().put("conversationId", "desc");
			if (cursor != null) {
				// Behind post_filter, so totals and facets still count the whole search.
				body.set("post_filter", after(cursor));
			}
		}
		else {
			sort.addObject().put("_score", "desc");
			sort.addObject().put("conversationId", "asc");
			body.put("from", (cursor == null) ? 0 : cursor.offset());
		}
		ObjectNode aggs = body.putObject("aggs");
		aggs.set("total", SearchAggregations.conversationCount());
		if (shape.facetSize() != null) {
			this.aggregations.addFacets(aggs, shape.facetSize(), sets);
		}
		return body;
	}

	private ArrayNode conversationFields() {
		ArrayNode fields = this.json.object().arrayNode();
		CONVERSATION_FIELDS.forEach(fields::add);
		return fields;
	}

	private ObjectNode highlight() {
		ObjectNode highlight = this.json.object();
		highlight.put("max_analyzer_offset", MAX_ANALYZER_OFFSET);
		highlight.putArray("pre_tags").add("<mark>");
		highlight.putArray("post_tags").add("</mark>");
		// Both the exact and the stemmed field: each marks whole tokens its own query
		// matched (a prefix on the first, other word forms on the second).
		ObjectNode fields = highlight.putObject("fields");
		for (String field : HIGHLIGHTED) {
			fields.putObject(field).put("fragment_size", 160).put("number_of_fragments", 2);
		}
		return highlight;
	}

	/**
	 * Conversations after the cursor in recency order (newer first, then id descending).
	 */
	private ObjectNode after(SearchCursor cursor) {
		ObjectNode filter = this.json.object();
		ArrayNode should = filter.putObject("bool").put("minimum_should_match", 1).putArray("should");
		ObjectNode sameTime = should.addObject().putObject("bool");
		ArrayNode sameTimeMust = sameTime.putArray("must");
		sameTimeMust.addObject().putObject("range").putObject("conversationId").put("lt", cursor.conversationId());
		if (cursor.lastActiveAt() == null) {
			sameTime.putArray("must_not").addObject().putObject("exists").put("field", "conversationLastActiveAt");
		}
		else {
			sameTimeMust.addObject()
				.putObject("range")
				.putObject("conversationLastActiveAt")
				.put("gte", cursor.lastActiveAt())
				.put("lte", cursor.lastActiveAt())
				.put("format", "epoch_millis");
			should.addObject()
				.putObject("range")
				.putObject("conversationLastActiveAt")
				.put("lt", cursor.lastActiveAt())
				.put("format", "epoch_millis");
			should.addObject()
				.putObject("bool")
				.putArray("must_not")
				.addObject()
				.putObject("exists")
				.put("field", "conversationLastActiveAt");
		}
		return filter;
	}

	private Mono<SearchPage> toPage(JsonNode response, SearchSpec spec, PageRequest page, SearchCursor cursor,
			String pitId, int search, Integer facetSize) {
		List<JsonNode> hits = new ArrayList<>();
		response.path("hits").path("hits").forEach(hits::add);
		boolean hasNext = hits.size() > page.first();
		List<JsonNode> shown = hits.subList(0, Math.min(hits.size(), page.first()));
		String nextPit = (pitId == null) ? null : response.path("pit_id").asText(pitId);
		int offset = (cursor == null) ? 0 : cursor.offset();
		long total = response.path("aggregations").path("total").path("value").asLong();
		SearchFacets facets = (facetSize == null) ? null
				: this.aggregations.readFacets(response.path("aggregations"), total);
		List<SearchPage.Edge> edges = new ArrayList<>();
		for (int i = 0; i < shown.size(); i++) {
			JsonNode hit = shown.get(i);
			String conversationId = hit.path("fields").path("conversationId").path(0).asText();
			SearchCursor next = new SearchCursor(nextPit, search, offset + i + 1, lastActive(hit), conversationId);
			edges.add(edge(hit, next.encode(), spec.sort()));
		}
		String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
		return Mono.just(new SearchPage(total, edges, new Connection.PageInfo(hasNext, end), facets));
	}

	/** The fragments (exact or stemmed field) that mark the most. */
	private static List<String> bestFragments(JsonNode highlight) {
		List<String> best = List.of();
		int bestMarks = -1;
		for (String field : HIGHLIGHTED) {
			List<String> fragments = new ArrayList<>();
			highlight.path(field).forEach(fragment -> fragments.add(fragment.asText()));
			int marks = fragments.stream().mapToInt(f -> f.split("<mark>", -1).length - 1).sum();
			if (marks > bestMarks) {
				best = fragments;
				bestMarks = marks;
			}
		}
		return best;
	}

	private static Long lastActive(JsonNode hit) {
		JsonNode value = hit.path("sort").path(0);
		return (value.isNumber() && value.asLong() != Long.MIN_VALUE) ? value.asLong() : null;
	}

	private SearchPage.Edge edge(JsonNode hit, String cursor, SearchSort sort) {
		List<MessageDocument> messages = new ArrayList<>();
		List<String> highlights = new ArrayList<>();
		for (JsonNode inner : hit.path("inner_hits").path("best").path("hits").path("hits")) {
			messages.add(this.json.convert(inner.path("_source"), MessageDocument.class));
			highlights.addAll(bestFragments(inner.path("highlight")));
		}
		MessageDocument top = messages.isEmpty() ? this.json.convert(hit.path("_source"), MessageDocument.class)
				: messages.get(0);
		ConversationDocument node = fromMessage(top);
		Double score = (sort == SearchSort.RELEVANCE && hit.path("_score").isNumber()) ? hit.path("_score").asDouble()
				: null;
		return new SearchPage.Edge(cursor, node, highlights, messages, score);
	}

	/**
	 * The conversation as its messages repeat it (id, user, title, last activity): what
	 * most searches show, so the page needs no second request. The conversation's other
	 * fields are read only when asked for ({@link ConversationSearchController}).
	 */
	private static ConversationDocument fromMessage(MessageDocument message) {
		return new ConversationDocument(message.conversationId(), null, message.userId(), message.userEmail(),
				message.conversationTitle(), null, message.conversationLastActiveAt(), 0, List.of(), List.of(),
				List.of(), 0, null, null);
	}

	/** The conversation documents with these ids, for the fields a hit lacks. */
	Mono<Map<String, ConversationDocument>> conversations(Collection<String> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return OpenSearchCalls
			.mono(() -> this.client.mget(m -> m.index(this.indices.conversations()).ids(List.copyOf(ids)),
					ConversationDocument.class))
			.map(response -> {
				Map<String, ConversationDocument> byId = new LinkedHashMap<>();
				response.docs().forEach(doc -> {
					if (doc.isResult() && doc.result().found()) {
						byId.put(doc.result().id(), doc.result().source());
					}
				});
				return byId;
			});
	}

}
