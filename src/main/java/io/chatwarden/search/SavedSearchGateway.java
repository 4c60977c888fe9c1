package io.chatwarden.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.MsearchRequest;
import org.opensearch.client.opensearch.core.msearch.RequestItem;
import org.opensearch.client.opensearch.core.search.TrackHits;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Stores saved searches and counts their live hits. */
@Component
class SavedSearchGateway {

	static final String INDEX = "saved-searches";

	private static final List<SortOptions> BY_NAME = List.of(
			SortOptions.of(s -> s.field(f -> f.field("name.raw").order(SortOrder.Asc).missing(FieldValue.of("_last")))),
			SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));

	private final OpenSearchAsyncClient client;

	private final SearchPages pages;

	private final Indices indices;

	private final ToolConversations tools;

	SavedSearchGateway(OpenSearchAsyncClient client, SearchPages pages, Indices indices, ToolConversations tools) {
		this.client = client;
		this.pages = pages;
		this.indices = indices;
		this.tools = tools;
	}

	Mono<SavedSearch> save(SavedSearch search) {
		return OpenSearchCalls
			.mono(() -> this.client.index(
					i -> i.index(this.indices.alias(INDEX)).id(search.id()).document(search).refresh(Refresh.WaitFor)))
			.thenReturn(search);
	}

	Mono<SavedSearch> byId(String id) {
		return OpenSearchCalls
			.mono(() -> this.client.get(g -> g.index(this.indices.alias(INDEX)).id(id), SavedSearch.class))
			.filter(response -> response.found())
			.map(response -> response.source());
	}

	Mono<Boolean> delete(String id) {
		return OpenSearchCalls
			.mono(() -> this.client.delete(d -> d.index(this.indices.alias(INDEX)).id(id).refresh(Refresh.WaitFor)))
			.map(response -> "deleted".equals(response.result().jsonValue()));
	}

	Mono<Connection<SavedSearch>> list(PageRequest page) {
		return this.pages.page(this.indices.alias(INDEX), Query.of(q -> q.matchAll(m -> m)), BY_NAME, page,
				SavedSearch.class);
	}

	/**
	 * How many conversations each saved search matches now: one {@code _msearch}, one
	 * count-only search per saved search.
	 */
	Mono<Map<SavedSearch, Integer>> hitCounts(List<SavedSearch> searches) {
		List<SavedSearch> ordered = searches.stream().distinct().toList();
		if (ordered.isEmpty()) {
			return Mono.just(Map.of());
		}
		boolean namesTools = ordered.stream().anyMatch(search -> !search.spec().namedTools().isEmpty());
		Mono<ToolSets> toolSets = namesTools ? this.tools.all() : Mono.just(ToolSets.EMPTY);
		return toolSets.flatMap(sets -> hitCounts(ordered, sets));
	}

	private Mono<Map<SavedSearch, Integer>> hitCounts(List<SavedSearch> ordered, ToolSets sets) {
		List<RequestItem> items = new ArrayList<>();
		for (SavedSearch search : ordered) {
			Query query = search.spec().query(sets);
			items.add(RequestItem.of(i -> i.header(h -> h.index(this.indices.messages()))
				.body(b -> b.query(query)
					.size(0)
					.trackTotalHits(TrackHits.of(t -> t.enabled(false)))
					.aggregations("total", a -> a.cardinality(c -> c.field("conversationId")
						.precisionThreshold(SearchAggregations.PRECISION_THRESHOLD))))));
		}
		return OpenSearchCalls.mono(() -> this.client.msearch(MsearchRequest.of(m -> m.searches(items)), Void.class))
			.map(response -> {
				Map<SavedSearch, Integer> counts = new LinkedHashMap<>();
				for (int i = 0; i < ordered.size(); i++) {
					var item = response.responses().get(i);
					counts.put(ordered.get(i), item.isFailure() ? 0
							: (int) item.result().aggregations().get("total").cardinality().value());
				}
				return counts;
			});
	}

}
