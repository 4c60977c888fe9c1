package io.chatwarden.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregate;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every bucket of a composite aggregation, page by page with {@code after_key}, never one
 * huge {@code terms}.
 */
final class CompositeScan {

	private static final int PAGE = 500;

	private CompositeScan() {
	}

	/**
	 * @param sources the composite sources in key order
	 * @param subAggregations computed per bucket
	 */
	static Flux<CompositeBucket> scan(OpenSearchAsyncClient client, String index, Query query,
			List<Map<String, CompositeAggregationSource>> sources, Map<String, Aggregation> subAggregations) {
		return page(client, index, query, sources, subAggregations, null)
			.expand(page -> (page.afterKey() != null && page.buckets().array().size() == PAGE)
					? page(client, index, query, sources, subAggregations, page.afterKey()) : Mono.empty())
			.concatMapIterable(page -> page.buckets().array());
	}

	private static Mono<CompositeAggregate> page(OpenSearchAsyncClient client, String index, Query query,
			List<Map<String, CompositeAggregationSource>> sources, Map<String, Aggregation> subAggregations,
			Map<String, FieldValue> after) {
		return OpenSearchCalls.mono(() -> client
			.search(s -> s.index(index).size(0).query(query).aggregations("scan", a -> a.composite(c -> {
				c.size(PAGE).sources(sources);
				if (after != null) {
					c.after(new LinkedHashMap<>(after));
				}
				return c;
			}).aggregations(subAggregations)), Void.class))
			.map(response -> response.aggregations().get("scan").composite());
	}

	static CompositeAggregationSource terms(String field) {
		return CompositeAggregationSource.of(c -> c.terms(t -> t.field(field)));
	}

	static String key(CompositeBucket bucket, String name) {
		FieldValue value = bucket.key().get(name);
		return (value == null || value.isNull()) ? null : value.stringValue();
	}

}
