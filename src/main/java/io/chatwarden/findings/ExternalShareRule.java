package io.chatwarden.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.chatwarden.store.Indices;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code gpt-shared-externally}: GPTs with a recipient whose email domain is not one of
 * the workspace's (configured, or the domains of the workspace users' emails, read with a
 * composite aggregation over a script source).
 */
final class ExternalShareRule implements Rule {

	private static final String DOMAIN_SCRIPT = "if (doc['email'].size() == 0) { return null; } "
			+ "String e = doc['email'].value; int at = e.lastIndexOf('@'); "
			+ "return at < 0 ? null : e.substring(at + 1).toLowerCase();";

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(PostureTypes.GPT_SHARED_EXTERNALLY);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		return domains(context).flatMapMany(domains -> context.composites()
			.pages(context.indices().gpts(), Queries.exists("recipients.email"),
					Composites.sources("id", "id", "email", "recipients.email", "name", "name.raw"), Map.of(),
					context.pageSize())
			.flatMapIterable(page -> page)
			// Buckets come sorted by GPT id, so one GPT's recipients are adjacent.
			.bufferUntilChanged(bucket -> Composites.key(bucket, "id"))
			.mapNotNull(buckets -> observe(buckets, domains)));
	}

	private static Observation observe(List<CompositeBucket> buckets, Set<String> domains) {
		List<String> external = buckets.stream()
			.map(bucket -> Composites.key(bucket, "email"))
			.filter(email -> email != null && !domains.contains(domain(email)))
			.distinct()
			.toList();
		if (external.isEmpty()) {
			return null;
		}
		CompositeBucket first = buckets.get(0);
		return new Observation(PostureTypes.GPT_SHARED_EXTERNALLY, "gpt", Composites.key(first, "id"),
				Composites.key(first, "name"), "Shared with " + String.join(", ", external), external.size(),
				List.of());
	}

	private static String domain(String email) {
		return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
	}

	private Mono<Set<String>> domains(RuleContext context) {
		if (!context.properties().workspaceDomains().isEmpty()) {
			return Mono.just(context.properties()
				.workspaceDomains()
				.stream()
				.map(d -> d.toLowerCase(Locale.ROOT))
				.collect(Collectors.toSet()));
		}
		Map<String, CompositeAggregationSource> sources = new LinkedHashMap<>();
		sources.put("domain",
				CompositeAggregationSource.of(s -> s.terms(t -> t.script(sc -> sc.inline(i -> i
					.lang(l -> l.builtin(org.opensearch.client.opensearch._types.BuiltinScriptLanguage.Painless))
					.source(DOMAIN_SCRIPT))).missingBucket(true))));
		return context.composites()
			.pages(context.indices().alias(Indices.USERS), Queries.exists("email"), sources, Map.of(),
					context.pageSize())
			.flatMapIterable(page -> page)
			.mapNotNull(bucket -> Composites.key(bucket, "domain"))
			.collect(Collectors.toSet());
	}

}
