package io.chatwarden.findings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Flux;

import static io.chatwarden.findings.Queries.all;
import static io.chatwarden.findings.Queries.exists;

/**
 * {@code compliance-logs-new-lister}: a key or user listing the compliance logs for the
 * first time within the recent window, where others listed them before it (so that the
 * first listers after install are the baseline, not findings). A key's finding is about
 * the redacted key; a user's about the user (and pivots to their conversations). This
 * installation's own key (recognised at sync by its last four characters,
 * {@code byProduct}) is never a finding: it lists on every run, from its first install
 * and after each rotation.
 */
final class LogListerRule implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(EventTypes.LOGS_NEW_LISTER);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		Instant recent = context.now().minus(context.properties().events().recentWindow());
		Query listings = all(Query.of(q -> q.wildcard(w -> w.field("action").value("LIST_*LOG_FILES"))),
				exists("actor"), EventAggregations.succeeded(),
				Query.of(q -> q.bool(b -> b.mustNot(Queries.term("byProduct", "true")))));
		String index = EventAggregations.events(context);
		return OpenSearchCalls
			.mono(() -> context.client()
				.search(s -> s.index(index).size(0).query(listings).aggregations("first", EventAggregations.min()),
						Void.class))
			.flatMapMany(response -> {
				Double earliest = response.aggregations().get("first").min().value();
				if (earliest == null || Double.isInfinite(earliest)
						|| !Instant.ofEpochMilli(earliest.longValue()).isBefore(recent)) {
					return Flux.empty();
				}
				Map<String, CompositeAggregationSource> sources = new LinkedHashMap<>();
				sources.put("actor", Composites.terms("actor", false));
				sources.put("actorType", Composites.terms("actorType", true));
				return EventUsers.resolve(context,
						context.composites()
							.pages(index, listings, sources,
									Map.of("first", EventAggregations.min(), "last", EventAggregations.max()),
									context.pageSize())
							.flatMapIterable(page -> page)
							.filter(bucket -> !EventAggregations.instant(bucket, "first").isBefore(recent))
							.map(bucket -> observation(bucket)));
			});
	}

	private static Observation observation(CompositeBucket bucket) {
		String actor = Composites.key(bucket, "actor");
		String actorType = Composites.key(bucket, "actorType");
		boolean key = actor.startsWith("sk-")
				|| (actorType != null && actorType.toUpperCase(Locale.ROOT).contains("KEY"));
		return new Observation(EventTypes.LOGS_NEW_LISTER, key ? "key" : "user", actor, actor, actor
				+ " listed the compliance logs for the first time at " + EventAggregations.instant(bucket, "first"), 1,
				List.of());
	}

}
