package io.chatwarden.findings;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.chatwarden.findings.Queries.all;
import static io.chatwarden.findings.Queries.term;
import static io.chatwarden.findings.Queries.terms;

/**
 * {@code user-inactive}: active users (who joined before the inactivity period) without a
 * conversation active within it. Users are walked a page at a time; each page asks the
 * conversations index which of them were recently active.
 */
final class InactiveUserRule implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(PostureTypes.USER_INACTIVE);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		int days = context.properties().userInactiveDays();
		return context.composites()
			.pages(context.indices().alias(Indices.USERS),
					all(term("status", "active"), context.olderThan("createdAt", days)),
					Composites.sources("id", "id", "email", "email"), Map.of(), context.pageSize())
			.concatMap(page -> recentlyActive(context, page, days).flatMapIterable(active -> page.stream()
				.filter(bucket -> !active.contains(Composites.key(bucket, "id")))
				.map(bucket -> Observation
					.of(PostureTypes.USER_INACTIVE, "user", Composites.key(bucket, "id"),
							Composites.key(bucket, "email"))
					.concerning(Composites.key(bucket, "email"), null))
				.toList()));
	}

	private Mono<Set<String>> recentlyActive(RuleContext context, List<CompositeBucket> page, int days) {
		List<String> ids = page.stream().map(bucket -> Composites.key(bucket, "id")).toList();
		return OpenSearchCalls
			.mono(() -> context.client()
				.search(s -> s.index(context.indices().conversations())
					.size(0)
					.query(all(terms("userId", ids), context.since("lastActiveAt", days)))
					.aggregations("users", a -> a.terms(t -> t.field("userId").size(ids.size()))), Void.class))
			.map(response -> {
				Set<String> active = new HashSet<>();
				for (StringTermsBucket bucket : response.aggregations().get("users").sterms().buckets().array()) {
					active.add(bucket.key());
				}
				return active;
			});
	}

}
