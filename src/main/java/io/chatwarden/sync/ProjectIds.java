package io.chatwarden.sync;

import java.util.List;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The ids of the synced projects, read back from the projects index: after an interrupted
 * run the project listing may resume midway, so the index (not the last listing) is the
 * complete set.
 */
@Component
class ProjectIds {

	private static final int PAGE = 500;

	private final OpenSearchAsyncClient client;

	private final String index;

	ProjectIds(OpenSearchAsyncClient client, Indices indices) {
		this.client = client;
		this.index = indices.alias(Indices.PROJECTS);
	}

	Flux<String> all() {
		// The projects were indexed moments ago: make them visible to search first.
		return OpenSearchCalls.mono(() -> this.client.indices().refresh(r -> r.index(this.index)))
			.then(page(null))
			.expand(response -> {
				List<Hit<Object>> hits = response.hits().hits();
				return hits.size() < PAGE ? Mono.empty() : page(hits.get(hits.size() - 1).sort());
			})
			.flatMapIterable(response -> response.hits().hits().stream().map(Hit::id).toList());
	}

	private Mono<SearchResponse<Object>> page(List<FieldValue> after) {
		return OpenSearchCalls.mono(() -> this.client.search(s -> {
			s.index(this.index)
				.size(PAGE)
				.source(src -> src.fetch(false))
				.sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
			if (after != null) {
				s.searchAfter(after);
			}
			return s;
		}, Object.class));
	}

}
