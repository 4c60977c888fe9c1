package io.chatwarden.findings;

import java.time.Instant;
import java.util.List;

import io.chatwarden.events.EventDocument;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/** Aggregation pieces the event rules share (over the events index). */
final class EventAggregations {

	private EventAggregations() {
	}

	/** The newest event of a bucket. */
	static Aggregation latest() {
		return Aggregation.of(a -> a.topHits(t -> t.size(1)
			.sort(s -> s.field(f -> f.field("timestamp").order(SortOrder.Desc)))
			.sort(s -> s.field(f -> f.field("eventId").order(SortOrder.Desc)))));
	}

	static EventDocument latest(CompositeBucket bucket) {
		return bucket.aggregations().get("latest").topHits().hits().hits().get(0).source().to(EventDocument.class);
	}

	static Aggregation min() {
		return Aggregation.of(a -> a.min(m -> m.field("timestamp")));
	}

	static Aggregation max() {
		return Aggregation.of(a -> a.max(m -> m.field("timestamp")));
	}

	static Instant instant(CompositeBucket bucket, String name) {
		var aggregate = bucket.aggregations().get(name);
		double millis = aggregate.isMin() ? aggregate.min().value() : aggregate.max().value();
		return Instant.ofEpochMilli((long) millis);
	}

	/** Results that did not fail: SUCCESS, or not said. */
	static Query succeeded() {
		return Query.of(q -> q.bool(b -> b
			.mustNot(Queries.terms("actionResult", List.of("BLOCKED", "FAILURE", "FAILED", "DENIED", "ERROR")))));
	}

	static String events(RuleContext context) {
		return context.indices().alias(io.chatwarden.store.Indices.EVENTS);
	}

}
