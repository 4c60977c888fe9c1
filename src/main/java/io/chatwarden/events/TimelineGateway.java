package io.chatwarden.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.system.Connection;
import io.chatwarden.system.Cursors;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * A user's conversations and events in one newest-first list. Both indices are read with
 * {@code search_after} on the same (time, id) key and merged, so a cursor continues both
 * exactly where the page ended.
 */
@Component
public class TimelineGateway {

	private static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator
		.comparing((TimelineEntry e) -> (e.at() != null) ? e.at().toEpochMilli() : Long.MIN_VALUE)
		.thenComparing(TimelineEntry::id)
		.reversed();

	private final OpenSearchAsyncClient client;

	private final Indices indices;

	TimelineGateway(OpenSearchAsyncClient client, Indices indices) {
		this.client = client;
		this.indices = indices;
	}

	public Mono<Connection<TimelineEntry>> timeline(String email, Instant from, Instant to, PageRequest page) {
		List<FieldValue> after = (page.after() != null) ? Cursors.decode(page.after()) : null;
		List<Query> conversationClauses = new ArrayList<>();
		conversationClauses.add(EventFilter.terms("userEmail", List.of(email)));
		if (from != null) {
			conversationClauses
				.add(Query.of(q -> q.range(r -> r.field("createdAt").gte(JsonData.of(from.toString())))));
		}
		if (to != null) {
			conversationClauses.add(Query.of(q -> q.range(r -> r.field("createdAt").lte(JsonData.of(to.toString())))));
		}
		List<Query> eventClauses = new EventFilter(null, null, null, List.of(email), null, from, to, null).clauses();
		Mono<SearchResponse<ConversationDocument>> c = search(this.indices.conversations(),
				Query.of(q -> q.bool(b -> b.filter(conversationClauses))), "createdAt", "id", after, page,
				ConversationDocument.class);
		Mono<SearchResponse<EventDocument>> e = search(this.indices.alias(Indices.EVENTS),
				Query.of(q -> q.bool(b -> b.filter(eventClauses))), "timestamp", "eventId", after, page,
				EventDocument.class);
		return Mono.zip(c, e).map(both -> merge(both.getT1(), both.getT2(), page));
	}

	private <T> Mono<SearchResponse<T>> search(String index, Query query, String timeField, String idField,
			List<FieldValue> after, PageRequest page, Class<T> type) {
		List<SortOptions> sort = List.of(
				SortOptions
					.of(s -> s.field(f -> f.field(timeField).order(SortOrder.Desc).missing(FieldValue.of("_last")))),
				SortOptions.of(s -> s.field(f -> f.field(idField).order(SortOrder.Desc))));
		return OpenSearchCalls.mono(() -> this.client.search(s -> {
			s.index(index).query(query).sort(sort).size(page.first() + 1).trackTotalHits(t -> t.enabled(true));
			if (after != null) {
				s.searchAfter(after);
			}
			return s;
		}, type));
	}

	private static Connection<TimelineEntry> merge(SearchResponse<ConversationDocument> conversations,
			SearchResponse<EventDocument> events, PageRequest page) {
		List<TimelineEntry> entries = new ArrayList<>();
		conversations.hits().hits().forEach(hit -> entries.add(TimelineEntry.of(hit.source())));
		events.hits().hits().forEach(hit -> entries.add(TimelineEntry.of(hit.source())));
		entries.sort(NEWEST_FIRST);
		long total = conversations.hits().total().value() + events.hits().total().value();
		List<Connection.Edge<TimelineEntry>> edges = new ArrayList<>();
		for (TimelineEntry entry : entries.subList(0, Math.min(entries.size(), page.first()))) {
			long millis = (entry.at() != null) ? entry.at().toEpochMilli() : Long.MIN_VALUE;
			edges.add(new Connection.Edge<>(Cursors.encode(List.of(FieldValue.of(millis), FieldValue.of(entry.id()))),
					entry));
		}
		String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
		return new Connection<>(total, edges, new Connection.PageInfo(entries.size() > page.first(), end));
	}

}
