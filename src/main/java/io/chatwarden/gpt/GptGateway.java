package io.chatwarden.gpt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Reads GPTs from OpenSearch. */
@Component
public class GptGateway {

	private static final List<SortOptions> BY_NAME = List.of(
			SortOptions.of(s -> s.field(f -> f.field("name.raw").order(SortOrder.Asc).missing(FieldValue.of("_last")))),
			SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));

	private final OpenSearchAsyncClient client;

	private final SearchPages pages;

	private final Indices indices;

	GptGateway(OpenSearchAsyncClient client, SearchPages pages, Indices indices) {
		this.client = client;
		this.pages = pages;
		this.indices = indices;
	}

	Mono<Connection<GptDocument>> list(GptFilter filter, PageRequest page) {
		return this.pages.page(this.indices.gpts(), filter.query(), BY_NAME, page, GptDocument.class);
	}

	/**
	 * How many conversations used each GPT: one terms aggregation over the conversations
	 * index, limited to the GPTs asked for.
	 */
	Mono<Map<String, Long>> conversationCounts(List<String> gptIds) {
		if (gptIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		Query used = Query
			.of(q -> q.terms(t -> t.field("gptIds").terms(v -> v.value(gptIds.stream().map(FieldValue::of).toList()))));
		return OpenSearchCalls.mono(
				() -> this.client.search(
						s -> s.index(this.indices.conversations())
							.size(0)
							.query(used)
							.aggregations("gpts",
									a -> a.terms(
											t -> t.field("gptIds").size(gptIds.size()).include(i -> i.terms(gptIds)))),
						Void.class))
			.map(response -> {
				Map<String, Long> counts = new HashMap<>();
				response.aggregations()
					.get("gpts")
					.sterms()
					.buckets()
					.array()
					.forEach(bucket -> counts.put(bucket.key(), bucket.docCount()));
				return counts;
			});
	}

	public Mono<GptDocument> byId(String id) {
		return OpenSearchCalls.mono(() -> this.client.get(g -> g.index(this.indices.gpts()).id(id), GptDocument.class))
			.filter(response -> response.found())
			.map(response -> response.source());
	}

}
