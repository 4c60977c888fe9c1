package io.chatwarden.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * A key or user listing the compliance logs for the first time within the recent window,
 * where others listed them before it (so that the first listers after install are the
 * baseline, not findings).
 */
@Component
class NewLogListerDetector implements EventDetector {

	private final OpenSearchAsyncClient client;

	private final String index;

	private final EventDetectionProperties properties;

	NewLogListerDetector(OpenSearchAsyncClient client, Indices indices, EventDetectionProperties properties) {
		this.client = client;
		this.index = indices.alias(Indices.EVENTS);
		this.properties = properties;
	}

	@Override
	public String typeId() {
		return "compliance-logs-new-lister";
	}

	@Override
	public String name() {
		return "Compliance logs listed by a new key or user";
	}

	@Override
	public String severity() {
		return "HIGH";
	}

	@Override
	public Flux<EventDetection> detect(Instant now) {
		Instant recent = now.minus(this.properties.recentWindow());
		Query query = Query
			.of(q -> q.bool(b -> b.filter(f -> f.wildcard(w -> w.field("action").value("LIST_*LOG_FILES")))
				.filter(f -> f.exists(e -> e.field("actor")))
				.filter(LatestEvents.succeeded())));
		return OpenSearchCalls.mono(() -> this.client.search(
				s -> s.index(this.index).size(0).query(query).aggregations("first", LatestEvents.min()), Void.class))
			.flatMapMany(response -> {
				Double earliest = response.aggregations().get("first").min().value();
				if (earliest == null || Double.isInfinite(earliest)
						|| !Instant.ofEpochMilli(earliest.longValue()).isBefore(recent)) {
					return Flux.empty();
				}
				return CompositeScan
					.scan(this.client, this.index, query, List.of(Map.of("actor", CompositeScan.terms("actor"))),
							Map.of("first", LatestEvents.min(), "last", LatestEvents.max()))
					.filter(bucket -> !LatestEvents.instant(bucket, "first").isBefore(recent))
					.map(bucket -> {
						String actor = CompositeScan.key(bucket, "actor");
						return new EventDetection(typeId(), "actor", actor,
								actor + " listed the compliance logs for the first time",
								LatestEvents.instant(bucket, "first"), LatestEvents.instant(bucket, "last"), List.of());
					});
			});
	}

}
