package io.chatwarden.findings;

import java.util.List;
import java.util.Map;

import io.chatwarden.files.FileGateway;
import reactor.core.publisher.Flux;

/**
 * {@code dlp-<detector>}: one finding per conversation and detector, from the detector
 * ids stored on messages at indexing time, and one per file and detector.
 */
final class DlpRule implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return catalog.dlpTypeIds();
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		return Flux.concat(messages(context), files(context));
	}

	private Flux<Observation> messages(RuleContext context) {
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

	/**
	 * One finding per file and detector, from the detector ids stored on files when their
	 * text was scanned; it pivots to the file's GPT or conversation.
	 */
	private Flux<Observation> files(RuleContext context) {
		return context.composites()
			.pages(context.indices().alias(FileGateway.INDEX), Queries.exists("dlpDetectors"),
					Composites.sources("file", "id", "detector", "dlpDetectors", "name", "name.raw", "gpt", "gptId",
							"conversation", "conversationId"),
					Map.of(), context.pageSize())
			.flatMapIterable(page -> page)
			.filter(bucket -> context.catalog().exists(FindingCatalog.DLP_PREFIX + Composites.key(bucket, "detector")))
			.map(bucket -> {
				String gpt = Composites.key(bucket, "gpt");
				String conversation = Composites.key(bucket, "conversation");
				String detail = (gpt != null) ? "In a knowledge file of GPT " + gpt
						: "In a file uploaded to conversation " + conversation;
				return new Observation(FindingCatalog.DLP_PREFIX + Composites.key(bucket, "detector"), "file",
						Composites.key(bucket, "file"), Composites.key(bucket, "name"), detail, bucket.docCount(),
						(conversation == null) ? List.of() : List.of(conversation));
			});
	}

}
