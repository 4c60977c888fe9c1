package io.chatwarden.events;

import java.util.List;

import io.chatwarden.store.Indices;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Reads Compliance Logs Platform events from the events index. */
@Component
public class EventGateway {

	/** Newest first; the id makes the order total, which keyset paging needs. */
	static final List<SortOptions> NEWEST_FIRST = List.of(
			SortOptions.of(s -> s.field(f -> f.field("timestamp").order(SortOrder.Desc))),
			SortOptions.of(s -> s.field(f -> f.field("eventId").order(SortOrder.Desc))));

	private final SearchPages pages;

	private final String index;

	EventGateway(SearchPages pages, Indices indices) {
		this.pages = pages;
		this.index = indices.alias(Indices.EVENTS);
	}

	public Mono<Connection<EventDocument>> list(EventFilter filter, PageRequest page) {
		Query query = Query.of(q -> q.bool(b -> b.filter(filter.clauses())));
		return this.pages.page(this.index, query, NEWEST_FIRST, page, EventDocument.class);
	}

}
