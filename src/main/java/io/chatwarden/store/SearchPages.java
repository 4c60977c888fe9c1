package io.chatwarden.store;

import java.util.ArrayList;
import java.util.List;

import io.chatwarden.system.Connection;
import io.chatwarden.system.Cursors;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Keyset pagination over an index: {@code search_after} on a sort that ends in a unique
 * field, with the exact total. Cursors are the last hit's sort values, so pages stay
 * consistent when documents are added before them.
 */
@Component
public class SearchPages {

	private final OpenSearchAsyncClient client;

	SearchPages(OpenSearchAsyncClient client) {
		this.client = client;
	}

	public <T> Mono<Connection<T>> page(String index, Query query, List<SortOptions> sort, PageRequest page,
			Class<T> type) {
		return OpenSearchCalls.mono(() -> this.client.search(request(index, query, sort, page), type))
			.map(response -> connection(response, page));
	}

	/**
	 * The search request of one page, for callers that batch several pages into one
	 * {@code _msearch}.
	 */
	public static SearchRequest request(String index, Query query, List<SortOptions> sort, PageRequest page) {
		return SearchRequest.of(s -> {
			s.index(index).query(query).sort(sort).size(page.first() + 1).trackTotalHits(t -> t.enabled(true));
			if (page.after() != null) {
				s.searchAfter(Cursors.decode(page.after()));
			}
			return s;
		});
	}

	public static <T> Connection<T> connection(SearchResponse<T> response, PageRequest page) {
		return connection(response.hits().hits(), response.hits().total() == null ? 0 : response.hits().total().value(),
				page);
	}

	public static <T> Connection<T> connection(List<Hit<T>> hits, long total, PageRequest page) {
		boolean hasNext = hits.size() > page.first();
		List<Connection.Edge<T>> edges = new ArrayList<>();
		for (Hit<T> hit : hits.subList(0, Math.min(hits.size(), page.first()))) {
			edges.add(new Connection.Edge<>(Cursors.encode(hit.sort()), hit.source()));
		}
		String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
		return new Connection<>(total, edges, new Connection.PageInfo(hasNext, end));
	}

}
