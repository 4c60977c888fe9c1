package io.chatwarden.findings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.chatwarden.findings.Queries.terms;

/**
 * {@code gpt-owner-inactive}: GPTs whose owner is inactive or not a workspace user. GPTs
 * are walked a page at a time; each page looks its owners up in the users index.
 */
final class GptOwnerRule implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(PostureTypes.GPT_OWNER_INACTIVE);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		return context.composites()
			.pages(context.indices().gpts(), Queries.exists("id"),
					Composites.sources("id", "id", "owner", "ownerId", "name", "name.raw"), Map.of(),
					context.pageSize())
			.concatMap(page -> ownerStatuses(context, page).flatMapIterable(statuses -> page.stream()
				.map(bucket -> observe(bucket, statuses))
				.filter(Objects::nonNull)
				.toList()));
	}

	private static Observation observe(CompositeBucket bucket, Map<String, String> statuses) {
		String owner = Composites.key(bucket, "owner");
		String status = owner == null ? null : statuses.get(owner);
		if ("active".equals(status)) {
			return null;
		}
		String detail = status == null ? "The owner is not a workspace user" : "The owner's account is " + status;
		return new Observation(PostureTypes.GPT_OWNER_INACTIVE, "gpt", Composites.key(bucket, "id"),
				Composites.key(bucket, "name"), detail, 1, List.of());
	}

	private Mono<Map<String, String>> ownerStatuses(RuleContext context, List<CompositeBucket> page) {
		List<String> owners = page.stream()
			.map(b -> Composites.key(b, "owner"))
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		if (owners.isEmpty()) {
			return Mono.just(Map.of());
		}
		return OpenSearchCalls
			.mono(() -> context.client()
				.search(s -> s.index(context.indices().alias(Indices.USERS))
					.size(0)
					.query(terms("id", owners))
					.aggregations("owners",
							a -> a.terms(t -> t.field("id").size(owners.size()))
								.aggregations("status", sub -> sub.terms(t -> t.field("status").size(1)))),
						Void.class))
			.map(response -> {
				Map<String, String> statuses = new HashMap<>();
				for (StringTermsBucket bucket : response.aggregations().get("owners").sterms().buckets().array()) {
					List<StringTermsBucket> status = bucket.aggregations().get("status").sterms().buckets().array();
					statuses.put(bucket.key(), status.isEmpty() ? "unknown" : status.get(0).key());
				}
				return statuses;
			});
	}

}
