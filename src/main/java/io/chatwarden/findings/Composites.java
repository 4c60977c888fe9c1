package io.chatwarden.findings;

import java.util.ArrayList;
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
import org.opensearch.client.opensearch.core.SearchRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Pages a composite aggregation with {@code after_key}: the way rules walk every resource
 * matching a filter without loading documents, a page of buckets at a time.
 */
@Component
class Composites {

	private static final String NAME = "page";

	private final OpenSearchAsyncClient client;

	Composites(OpenSearchAsyncClient client) {
		this.client = client;
	}

	/**
	 * Pages of buckets, keyed by source name. The first source is the resource id; the
	 * others may be missing.
	 * @param sources source name to field (or a script source built by the caller)
	 */
	Flux<List<CompositeBucket>> pages(String index, Query query, Map<String, CompositeAggregationSource> sources,
			Map<String, Aggregation> subAggregations, int pageSize) {
		List<Map<String, CompositeAggregationSource>> list = new ArrayList<>();
		sources.forEach((name, source) -> list.add(Map.of(name, source)));
		return page(index, query, list, subAggregations, pageSize, null)
			.expand(page -> page.afterKey() == null || page.buckets().array().isEmpty() ? Mono.empty()
					: page(index, query, list, subAggregations, pageSize, page.afterKey()))
			.map(page -> page.buckets().array())
			.filter(buckets -> !buckets.isEmpty());
	}

	private Mono<CompositeAggregate> page(String index, Query query,
			List<Map<String, CompositeAggregationSource>> sources, Map<String, Aggregation> subAggregations,
			int pageSize, Map<String, FieldValue> after) {
		SearchRequest request = SearchRequest
			.of(s -> s.index(index).size(0).query(query).aggregations(NAME, a -> a.composite(c -> {
				c.size(pageSize).sources(sources);
				if (after != null) {
					c.after(after);
				}
				return c;
			}).aggregations(subAggregations)));
		return OpenSearchCalls.mono(() -> this.client.search(request, Void.class))
			.map(response -> response.aggregations().get(NAME).composite());
	}

	/** A terms source on a field; every source but the resource id may be missing. */
	static CompositeAggregationSource terms(String field, boolean missing) {
		return CompositeAggregationSource.of(s -> s.terms(t -> t.field(field).missingBucket(missing)));
	}

	static Map<String, CompositeAggregationSource> sources(String... nameFieldPairs) {
		Map<String, CompositeAggregationSource> sources = new LinkedHashMap<>();
		for (int i = 0; i < nameFieldPairs.length; i += 2) {
			sources.put(nameFieldPairs[i], terms(nameFieldPairs[i + 1], i > 0));
		}
		return sources;
	}

	/** A bucket key as text; null when missing. */
	static String key(CompositeBucket bucket, String name) {
		return text(bucket.key().get(name));
	}

	static String text(FieldValue value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isLong()) {
			return Long.toString(value.longValue());
		}
		if (value.isDouble()) {
			return Double.toString(value.doubleValue());
		}
		return String.valueOf(value.booleanValue());
	}

}
