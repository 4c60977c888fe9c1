package io.chatwarden.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.chatwarden.openai.ApiPage;
import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.Indices;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Follows one list endpoint's cursor page by page: map, write with {@code _bulk} in
 * bounded batches, and only then commit the page's cursor as the checkpoint. One page is
 * in memory at a time; the end of the list is {@code has_more: false}, never a short
 * page.
 */
@Component
class PageLoop {

	private static final Log log = LogFactory.getLog(PageLoop.class);

	private final BulkWriter writer;

	private final CheckpointStore checkpoints;

	private final SyncProgress progress;

	private final SyncProperties properties;

	private final Clock clock;

	private final String deadLetterIndex;

	private final int batchSize;

	private final RecordRedactor redactor;

	PageLoop(BulkWriter writer, CheckpointStore checkpoints, SyncProgress progress, SyncProperties properties,
			Clock clock, Indices indices, io.chatwarden.store.StoreProperties store, RecordRedactor redactor) {
		this.redactor = redactor;
		this.writer = writer;
		this.checkpoints = checkpoints;
		this.progress = progress;
		this.properties = properties;
		this.clock = clock;
		this.deadLetterIndex = indices.alias(Indices.DEAD_LETTERS);
		this.batchSize = store.bulkBatchSize();
	}

	/**
	 * Runs the loop for one checkpoint.
	 * @param resource the progress bucket ({@code project-keys} for every project's keys)
	 * @param checkpoint where to start; its cursor (if any) is resumed
	 * @param runStartedAt the start of the run this loop belongs to (kept from an
	 * interrupted run)
	 * @param since the {@code since_timestamp} of the first page, null for none
	 * @param fetch fetches the page after a cursor (null for the first page)
	 * @param mapper maps one record to documents
	 * @return the checkpoint after the last page, not yet marked complete
	 */
	Mono<Checkpoint> run(String resource, Checkpoint checkpoint, Instant runStartedAt, Long since,
			Function<String, Mono<ApiPage>> fetch, RecordMapper mapper) {
		Step first = new Step(checkpoint, checkpoint.cursor(), true);
		return Mono.just(first)
			.expand(step -> step.hasMore() ? page(resource, step, runStartedAt, since, fetch, mapper) : Mono.empty())
			.last()
			.map(Step::checkpoint);
	}

	private Mono<Step> page(String resource, Step step, Instant runStartedAt, Long since,
			Function<String, Mono<ApiPage>> fetch, RecordMapper mapper) {
		ResourceProgress counters = this.progress.of(resource);
		return fetch.apply(step.cursor()).flatMap(page -> {
			if (page.hasMore() && (page.lastId() == null || page.lastId().equals(step.cursor()))) {
				return Mono.error(new IllegalStateException("The " + resource
						+ " listing said has_more but gave no new cursor (after " + step.cursor() + ")"));
			}
			counters.fetched(page.data().size());
			this.progress.count(resource, "fetched", page.data().size());
			MappedPage mapped = map(resource, page.data(), mapper);
			String next = page.lastId() != null ? page.lastId() : step.cursor();
			return write(resource, mapped).then(Mono.defer(() -> this.checkpoints.save(step.checkpoint()
				.advanced(page.hasMore() ? next : null, runStartedAt, since, this.clock.instant())))).map(saved -> {
					logProgress(counters);
					return new Step(saved, next, page.hasMore());
				});
		});
	}

	private MappedPage map(String resource, List<JsonNode> records, RecordMapper mapper) {
		MappedPage mapped = MappedPage.empty();
		Instant now = this.clock.instant();
		for (JsonNode record : records) {
			try {
				mapped.documents().addAll(mapper.map(record, now));
			}
			catch (RuntimeException ex) {
				String id = record.isObject() && record.path("id").isString() ? record.path("id").asString() : null;
				String reason = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
				mapped.deadLetters().add(new DeadLetter(resource, id, reason, this.redactor.redact(record), now));
			}
		}
		return new MappedPage(records.size(), mapped.documents(), mapped.deadLetters());
	}

	private Mono<Void> write(String resource, MappedPage mapped) {
		ResourceProgress counters = this.progress.of(resource);
		return Flux.fromIterable(mapped.documents())
			.buffer(this.batchSize)
			.concatMap(this.writer::write)
			.concatMap(result -> {
				counters.indexed(result.succeeded());
				this.progress.count(resource, "indexed", result.succeeded());
				List<DeadLetter> rejected = new ArrayList<>();
				for (BulkWriter.BulkFailure failure : result.failures()) {
					rejected.add(new DeadLetter(resource, failure.op().id(),
							"OpenSearch rejected the document: " + failure.reason(),
							String.valueOf(failure.op().document()), this.clock.instant()));
				}
				return deadLetter(resource, rejected);
			})
			.then(deadLetter(resource, mapped.deadLetters()));
	}

	private Mono<Void> deadLetter(String resource, List<DeadLetter> letters) {
		if (letters.isEmpty()) {
			return Mono.empty();
		}
		ResourceProgress counters = this.progress.of(resource);
		letters.forEach(letter -> log.warn("Dead-lettered a " + resource + " record"
				+ (letter.sourceId() != null ? " (" + letter.sourceId() + ")" : "") + ": " + letter.reason()));
		counters.failed(letters.size(), letters.get(letters.size() - 1).reason());
		this.progress.count(resource, "failed", letters.size());
		List<BulkOp> ops = letters.stream()
			.map(letter -> new BulkOp(this.deadLetterIndex, letter.documentId(), letter))
			.toList();
		return this.writer.write(ops)
			.flatMap(result -> result.failures().isEmpty() ? Mono.empty() : Mono.error(
					new IllegalStateException("Could not store dead letters: " + result.failures().get(0).reason())));
	}

	private void logProgress(ResourceProgress counters) {
		if (counters.dueForLog(this.clock.instant(), this.properties.progressLogInterval())) {
			ResourceProgressView view = counters.view(this.clock.instant());
			log.info("Syncing " + view.resource() + ": " + view.fetched() + " fetched, " + view.indexed()
					+ " documents indexed, " + view.failed() + " failed (" + view.ratePerSecond() + " records/s)");
		}
	}

	/**
	 * The loop's position: the checkpoint committed so far and whether the listing goes
	 * on.
	 */
	private record Step(Checkpoint checkpoint, String cursor, boolean hasMore) {
	}

}
