package io.chatwarden.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.MsearchRequest;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.msearch.RequestItem;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Reads conversations and their messages from OpenSearch. */
@Component
public class ConversationGateway {

	/**
	 * Most recently active first; the id makes the order total, which keyset paging
	 * needs.
	 */
	static final List<SortOptions> RECENT_FIRST = List.of(
			SortOptions
				.of(s -> s.field(f -> f.field("lastActiveAt").order(SortOrder.Desc).missing(FieldValue.of("_last")))),
			SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Desc))));

	private static final List<SortOptions> READING_ORDER = List.of(
			SortOptions.of(s -> s.field(f -> f.field("position").order(SortOrder.Asc))),
			SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));

	private final OpenSearchAsyncClient client;

	private final SearchPages pages;

	private final Indices indices;

	ConversationGateway(OpenSearchAsyncClient client, SearchPages pages, Indices indices) {
		this.client = client;
		this.pages = pages;
		this.indices = indices;
	}

	public Mono<Connection<ConversationDocument>> list(ConversationFilter filter, PageRequest page) {
		Query query = Query.of(q -> q.bool(b -> b.filter(filter.conversationClauses())));
		return this.pages.page(this.indices.conversations(), query, RECENT_FIRST, page, ConversationDocument.class);
	}

	public Mono<ConversationDocument> byId(String id) {
		return OpenSearchCalls
			.mono(() -> this.client.get(g -> g.index(this.indices.conversations()).id(id), ConversationDocument.class))
			.filter(response -> response.found())
			.map(response -> response.source());
	}

	/**
	 * Several conversation listings in one {@code _msearch}: one page per key, each with
	 * its own query. Batched child fields (a GPT's, a user's, related conversations) use
	 * it.
	 */
	public <K> Mono<Map<K, Connection<ConversationDocument>>> listEach(Map<K, Query> queries,
			java.util.function.Function<K, PageRequest> pageOf) {
		List<K> ordered = new ArrayList<>(queries.keySet());
		if (ordered.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<RequestItem> items = new ArrayList<>();
		for (K key : ordered) {
			SearchRequest search = SearchPages.request(this.indices.conversations(), queries.get(key), RECENT_FIRST,
					pageOf.apply(key));
			items.add(item(this.indices.conversations(), search));
		}
		return OpenSearchCalls
			.mono(() -> this.client.msearch(MsearchRequest.of(m -> m.searches(items)), ConversationDocument.class))
			.map(response -> {
				Map<K, Connection<ConversationDocument>> result = new LinkedHashMap<>();
				for (int i = 0; i < ordered.size(); i++) {
					var item = response.responses().get(i);
					if (item.isFailure()) {
						throw new IllegalStateException("Conversation page failed: " + item.failure().error().reason());
					}
					var hits = item.result().hits();
					result.put(ordered.get(i), SearchPages.connection(hits.hits(),
							hits.total() == null ? 0 : hits.total().value(), pageOf.apply(ordered.get(i))));
				}
				return result;
			});
	}

	private static RequestItem item(String index, SearchRequest search) {
		return RequestItem.of(i -> i.header(h -> h.index(index))
			.body(b -> b.query(search.query())
				.sort(search.sort())
				.size(search.size())
				.searchAfter(search.searchAfter())
				.trackTotalHits(search.trackTotalHits())));
	}

	/**
	 * Several conversations' message pages in one {@code _msearch}, for the batched
	 * loader.
	 */
	Mono<Map<MessagePageKey, Connection<MessageDocument>>> messagePages(Set<MessagePageKey> keys) {
		List<MessagePageKey> ordered = new ArrayList<>(keys);
		List<RequestItem> items = new ArrayList<>();
		for (MessagePageKey key : ordered) {
			Query query = Query
				.of(q -> q.term(t -> t.field("conversationId").value(v -> v.stringValue(key.conversationId()))));
			SearchRequest search = SearchPages.request(this.indices.messages(), query, READING_ORDER, key.page());
			items.add(item(this.indices.messages(), search));
		}
		return OpenSearchCalls
			.mono(() -> this.client.msearch(MsearchRequest.of(m -> m.searches(items)), MessageDocument.class))
			.map(response -> {
				Map<MessagePageKey, Connection<MessageDocument>> result = new LinkedHashMap<>();
				for (int i = 0; i < ordered.size(); i++) {
					var item = response.responses().get(i);
					if (item.isFailure()) {
						throw new IllegalStateException("Message page failed: " + item.failure().error().reason());
					}
					var hits = item.result().hits();
					result.put(ordered.get(i), SearchPages.connection(hits.hits(),
							hits.total() == null ? 0 : hits.total().value(), ordered.get(i).page()));
				}
				return result;
			});
	}

}
