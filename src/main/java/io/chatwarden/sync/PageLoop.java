package io.chatwarden.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

import io.chatwarden.openai.ApiPage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Follows one list endpoint's cursor: the next page is fetched while the last ones are
 * mapped (off the event loop) and written through {@link Ingest}, a bounded number at
 * once, and each page's cursor is committed in order, only after its documents were
 * acknowledged. The end of the list is {@code has_more: false}, never a short page.
 */
@Component
class PageLoop {

	private static final Log log = LogFactory.getLog(PageLoop.class);

	private final Ingest ingest;

	private final CheckpointStore checkpoints;

	private final SyncProgress progress;

	private final SyncProperties properties;

	private final Clock clock;

	PageLoop(Ingest ingest, CheckpointStore checkpoints, SyncProgress progress, SyncProperties properties,
			Clock clock) {
		this.ingest = ingest;
		this.checkpoints = checkpoints;
		this.progress = progress;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Runs the listing from the checkpoint's cursor to its end; emits the last committed
	 * checkpoint.
	 */
	Mono<Checkpoint> run(String resource, Checkpoint checkpoint, Instant runStartedAt, Long since,
			Function<String, Mono<ApiPage>> fetch, Ingest.Mapper<JsonNode> mapper) {
		Step first = new Step(checkpoint.cursor(), true, null);
		return Mono.just(first)
			.expand((step) -> step.hasMore() ? fetch(resource, step, fetch) : Mono.empty())
			.skip(1)
			// Pages are mapped on several cores at once (parsing and DLP are the CPU
			// work).
			.flatMapSequential((step) -> Mono
				.fromSupplier(() -> step.withBatch(this.ingest.map(resource, step.page().data(), mapper, Step::id,
						(i) -> checkpoint.resource() + " page ending at " + step.cursor() + ", record " + (i + 1))))
				.subscribeOn(Schedulers.parallel()), this.properties.pageConcurrency(), 1)
			.flatMapSequential((step) -> this.ingest.write(resource, step.batch()).thenReturn(step),
					this.properties.pageConcurrency(), 1)
			.concatMap((step) -> this.checkpoints
				.save(checkpoint.advanced(step.hasMore() ? step.cursor() : null, runStartedAt, since,
						this.clock.instant()))
				.doOnNext((saved) -> logProgress(resource)))
			.last(checkpoint);
	}

	private static Mono<Step> fetch(String resource, Step step, Function<String, Mono<ApiPage>> fetch) {
		return fetch.apply(step.cursor()).flatMap((page) -> {
			if (page.hasMore() && (page.lastId() == null || page.lastId().equals(step.cursor()))) {
				return Mono.error(new IllegalStateException("The " + resource
						+ " listing said has_more but gave no new cursor (after " + step.cursor() + ")"));
			}
			String next = (page.lastId() != null) ? page.lastId() : step.cursor();
			return Mono.just(new Step(next, page.hasMore(), page));
		});
	}

	private void logProgress(String resource) {
		ResourceProgress counters = this.progress.of(resource);
		if (counters.dueForLog(this.clock.instant(), this.properties.progressLogInterval())) {
			ResourceProgressView view = counters.view(this.clock.instant());
			log.info("Syncing " + view.resource() + ": " + view.fetched() + " fetched, " + view.indexed()
					+ " documents indexed, " + view.failed() + " failed (" + view.ratePerSecond() + " records/s)");
		}
	}

	/**
	 * A fetched page and the cursor after it; its batch once mapped.
	 */
	private record Step(String cursor, boolean hasMore, ApiPage page, Batch batch) {

		Step(String cursor, boolean hasMore, ApiPage page) {
			this(cursor, hasMore, page, null);
		}

		Step withBatch(Batch batch) {
			return new Step(this.cursor, this.hasMore, this.page, batch);
		}

		static String id(JsonNode record) {
			return (record.isObject() && record.path("id").isString()) ? record.path("id").asString() : null;
		}

	}

}
