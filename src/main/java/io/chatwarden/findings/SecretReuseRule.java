package io.chatwarden.findings;

import java.util.List;
import java.util.Map;

import io.chatwarden.conversation.DlpMatch;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.chatwarden.findings.Queries.term;
import static io.chatwarden.findings.Queries.terms;

/**
 * {@code secret-reused}: the same credential (by salted hash) in more than one
 * conversation; one finding links them all. Hashes are walked with a composite
 * aggregation; only the few seen in two or more conversations are read further.
 */
final class SecretReuseRule implements Rule {

	/** Conversations linked from one finding, at most. */
	private static final int MAX_CONVERSATIONS = 1000;

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(PostureTypes.SECRET_REUSED);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		List<String> secrets = context.catalog().secretDetectors();
		if (secrets.isEmpty()) {
			return Flux.empty();
		}
		Map<String, Aggregation> conversations = Map.of("conversations",
				Aggregation.of(a -> a.cardinality(c -> c.field("conversationId"))));
		return context.composites()
			.pages(context.indices().messages(), terms("dlp.detector", secrets), Composites.sources("hash", "dlp.hash"),
					conversations, context.pageSize())
			.flatMapIterable(page -> page)
			.filter(bucket -> bucket.aggregations().get("conversations").cardinality().value() > 1)
			.concatMap(bucket -> confirm(context, bucket, secrets));
	}

	/**
	 * A message can hold several values, so the hash's detector is read from one message
	 * that has it; values of detectors that are not secrets are dropped here.
	 */
	private Mono<Observation> confirm(RuleContext context, CompositeBucket bucket, List<String> secrets) {
		String hash = Composites.key(bucket, "hash");
		return OpenSearchCalls.mono(() -> context.client()
			.search(s -> s.index(context.indices().messages())
				.size(1)
				.source(src -> src.filter(f -> f.includes("dlp")))
				.query(term("dlp.hash", hash))
				.aggregations("conversations", a -> a.terms(t -> t.field("conversationId").size(MAX_CONVERSATIONS))),
					MessageDocument.class))
			.mapNotNull(response -> {
				DlpMatch match = response.hits()
					.hits()
					.stream()
					.flatMap(hit -> hit.source().dlp().stream())
					.filter(m -> hash.equals(m.hash()))
					.findFirst()
					.orElse(null);
				if (match == null || !secrets.contains(match.detector())) {
					return null;
				}
				List<String> ids = response.aggregations()
					.get("conversations")
					.sterms()
					.buckets()
					.array()
					.stream()
					.map(StringTermsBucket::key)
					.sorted()
					.toList();
				return new Observation(PostureTypes.SECRET_REUSED, "secret", hash,
						match.masked() + " (" + match.detector() + ")", "Seen in " + ids.size() + " conversations",
						ids.size(), ids);
			});
	}

}
