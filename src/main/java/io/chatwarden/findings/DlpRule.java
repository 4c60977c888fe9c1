package io.chatwarden.findings;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;

/**
 * {@code dlp-<detector>}: one finding per conversation and detector, from the detector
 * ids stored on messages at indexing time.
 */
final class DlpRule implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return catalog.dlpTypeIds();
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		return context.composites()
			.pages(context.indices().messages(), Queries.exists("dlpDetectors"),
					Composites.sources("conversation", "conversationId", "detector", "dlpDetectors", "title",
							"conversationTitle.raw"),
					Map.of(Concerning.AGGREGATION, Concerning.MESSAGE.aggregation()), context.pageSize())
			.flatMapIterable(page -> page)
			.filter(bucket -> context.catalog().exists(FindingCatalog.DLP_PREFIX + Composites.key(bucket, "detector")))
			.map(bucket -> {
				String conversation = Composites.key(bucket, "conversation");
				return Concerning.MESSAGE
					.apply(new Observation(FindingCatalog.DLP_PREFIX + Composites.key(bucket, "detector"),
							"conversation", conversation, Composites.key(bucket, "title"),
							(bucket.docCount() == 1) ? "1 message matched" : bucket.docCount() + " messages matched",
							bucket.docCount(), List.of(conversation)), bucket);
			});
	}

}
