package io.chatwarden.events;

import java.util.List;

import io.chatwarden.store.Indices;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import io.chatwarden.store.OpenSearchCalls;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Reads Compliance Logs Platform events from the events index. */
@Component
public class EventGateway {

	/** Newest first; the id makes the order total, which keyset paging needs. */
	static final List<SortOptions> NEWEST_FIRST = List.of(
			SortOptions.of(s -> s.field(f -> f.field("timestamp").order(SortOrder.Desc))),
			SortOptions.of(s -> s.field(f -> f.field("eventId").order(SortOrder.Desc))));

	/** More types or actions than any workspace has. */
	static final int MAX_VALUES = 200;

	private final SearchPages pages;

	private final OpenSearchAsyncClient client;

	private final String index;

	EventGateway(SearchPages pages, OpenSearchAsyncClient client, Indices indices) {
		this.pages = pages;
		this.client = client;
		this.index = indices.alias(Indices.EVENTS);
	}

	/** The types and actions of the events matching the filter, from the data. */
	Mono<EventFacets> facets(EventFilter filter) {
		Query query = Query.of(q -> q.bool(b -> b.filter(filter.clauses())));
		return OpenSearchCalls
			.mono(() -> this.client.search(s -> s.index(this.index)
				.size(0)
				.query(query)
				.aggregations("types", a -> a.terms(t -> t.field("type").size(MAX_VALUES)))
				.aggregations("actions", a -> a.terms(t -> t.field("action").size(MAX_VALUES))), Void.class))
			.map(response -> new EventFacets(buckets(response.aggregations().get("types")),
					buckets(response.aggregations().get("actions"))));
	}

	private static List<EventFacets.Bucket> buckets(Aggregate aggregate) {
		return aggregate.sterms()
			.buckets()
			.array()
			.stream()
			.map(bucket -> new EventFacets.Bucket(bucket.key(), bucket.docCount()))
			.toList();
	}

	public Mono<Connection<EventDocument>> list(EventFilter filter, PageRequest page) {
		Query query = Query.of(q -> q.bool(b -> b.filter(filter.clauses())));
		return this.pages.page(this.index, query, NEWEST_FIRST, page, EventDocument.class);
	}

}
