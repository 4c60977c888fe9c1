package io.chatwarden.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.Indices;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * A user who logged in from a country first seen for them within the recent window,
 * having logged in from elsewhere before. A user's first countries are their baseline,
 * not a finding; failed or blocked logins never count.
 */
@Component
class NewLoginCountryDetector implements EventDetector {

	private final OpenSearchAsyncClient client;

	private final String index;

	private final EventDetectionProperties properties;

	NewLoginCountryDetector(OpenSearchAsyncClient client, Indices indices, EventDetectionProperties properties) {
		this.client = client;
		this.index = indices.alias(Indices.EVENTS);
		this.properties = properties;
	}

	@Override
	public String typeId() {
		return "login-new-country";
	}

	@Override
	public String name() {
		return "Login from a new country";
	}

	@Override
	public String severity() {
		return "MEDIUM";
	}

	@Override
	public Flux<EventDetection> detect(Instant now) {
		Instant recent = now.minus(this.properties.recentWindow());
		Query query = Query.of(q -> q.bool(b -> b.filter(EventFilter.terms("type", List.of("AUTH_LOG")))
			.filter(f -> f.exists(e -> e.field("country")))
			.filter(f -> f.exists(e -> e.field("actor")))
			.filter(LatestEvents.succeeded())));
		// Buckets come sorted by user, then country: a user's countries are adjacent.
		return CompositeScan
			.scan(this.client, this.index, query,
					List.of(Map.of("user", CompositeScan.terms("actor")),
							Map.of("country", CompositeScan.terms("country"))),
					Map.of("first", LatestEvents.min(), "last", LatestEvents.max()))
			.map(CountrySeen::of)
			.bufferUntilChanged(CountrySeen::user)
			.concatMapIterable(countries -> newCountries(countries, recent));
	}

	private List<EventDetection> newCountries(List<CountrySeen> countries, Instant recent) {
		Instant baseline = countries.stream().map(CountrySeen::first).min(Instant::compareTo).orElseThrow();
		List<EventDetection> detections = new ArrayList<>();
		for (CountrySeen seen : countries) {
			if (!seen.first().isBefore(recent) && baseline.isBefore(seen.first())) {
				detections.add(new EventDetection(typeId(), "user", seen.user(),
						seen.user() + " logged in from " + seen.country() + " for the first time", seen.first(),
						seen.last(), List.of()));
			}
		}
		return detections;
	}

	/** When a user was first and last seen logging in from a country. */
	private record CountrySeen(String user, String country, Instant first, Instant last) {

		static CountrySeen of(CompositeBucket bucket) {
			return new CountrySeen(CompositeScan.key(bucket, "user"), CompositeScan.key(bucket, "country"),
					LatestEvents.instant(bucket, "first"), LatestEvents.instant(bucket, "last"));
		}

	}

}
