package io.chatwarden.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkFailure;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.BulkWriter.BulkResult;
import io.chatwarden.store.Indices;
import io.chatwarden.store.StoreProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The one write path of the sync, for every resource: maps records to documents (a record
 * that fails becomes a masked dead letter), writes them with {@code _bulk} in requests
 * bounded by count and bytes, several in flight, dead-letters what OpenSearch rejects,
 * counts progress once, and only then lets the caller commit its checkpoint. When
 * OpenSearch cannot take writes at all, nothing is dead-lettered: the write fails with
 * {@link StoreUnavailableException} and the checkpoint stays.
 */
@Component
class Ingest {

	private static final Log log = LogFactory.getLog(Ingest.class);

	/** Bytes per bulk request, estimated from the documents. */
	private static final long BULK_BYTES = 4 * 1024 * 1024;

	private final BulkWriter writer;

	private final SyncProgress progress;

	private final Redaction redaction;

	private final Clock clock;

	private final String deadLetters;

	private final int batchSize;

	private final SyncProperties properties;

	Ingest(BulkWriter writer, SyncProgress progress, Redaction redaction, Clock clock, Indices indices,
			StoreProperties store, SyncProperties properties) {
		this.writer = writer;
		this.progress = progress;
		this.redaction = redaction;
		this.clock = clock;
		this.deadLetters = indices.alias(Indices.DEAD_LETTERS);
		this.batchSize = store.bulkBatchSize();
		this.properties = properties;
	}

	/** Documents per bulk request (at most). */
	int batchSize() {
		return this.batchSize;
	}

	/**
	 * Maps records one by one and counts them as fetched; CPU work, to be called off the
	 * event loop. A record the mapper refuses is kept, masked, with the reason.
	 */
	<T> Batch map(String resource, List<T> records, Mapper<T> mapper, Function<T, String> sourceId) {
		Batch batch = Batch.of(records.size());
		Instant now = this.clock.instant();
		for (T record : records) {
			try {
				mapper.map(record, now, batch.documents());
			}
			catch (RuntimeException ex) {
				batch.deadLetters().add(deadLetter(resource, sourceId.apply(record), reason(ex), record));
			}
		}
		this.progress.of(resource).fetched(records.size());
		this.progress.count(resource, "fetched", records.size());
		return batch;
	}

	/** A record kept as a dead letter, masked by DLP whatever its shape. */
	DeadLetter deadLetter(String resource, String sourceId, String reason, Object record) {
		return new DeadLetter(resource, sourceId, reason, this.redaction.payload(record), this.clock.instant());
	}

	/**
	 * Writes a batch, then its dead letters (mapping failures and rejected documents);
	 * completes only when all of them were acknowledged.
	 */
	Mono<Void> write(String resource, Batch batch) {
		return Flux.fromIterable(chunks(batch.documents()))
			.flatMapSequential((chunk) -> bulk(chunk), this.properties.bulkConcurrency(), 1)
			.collectList()
			.flatMap((results) -> {
				List<DeadLetter> letters = new ArrayList<>(batch.deadLetters());
				long indexed = 0;
				for (BulkResult result : results) {
					indexed += result.succeeded();
					for (BulkFailure failure : result.failures()) {
						if (unavailable(failure.status(), failure.reason())) {
							return Mono.error(new StoreUnavailableException(
									"OpenSearch is unavailable: " + failure.reason(), null));
						}
						letters.add(deadLetter(resource, failure.op().id(),
								"OpenSearch rejected the document: " + failure.reason(), failure.op().document()));
					}
				}
				this.progress.of(resource).indexed(indexed);
				this.progress.count(resource, "indexed", indexed);
				return deadLetter(resource, letters);
			});
	}

	private Mono<BulkResult> bulk(List<BulkOp> chunk) {
		return this.writer.write(chunk)
			.onErrorMap((ex) -> !(ex instanceof StoreUnavailableException),
					(ex) -> new StoreUnavailableException("OpenSearch is unavailable: " + reason(ex), ex));
	}

	private Mono<Void> deadLetter(String resource, List<DeadLetter> letters) {
		if (letters.isEmpty()) {
			return Mono.empty();
		}
		letters.forEach((letter) -> log.warn("Dead-lettered a " + resource + " record"
				+ ((letter.sourceId() != null) ? " (" + letter.sourceId() + ")" : "") + ": " + letter.reason()));
		this.progress.of(resource).failed(letters.size(), letters.get(letters.size() - 1).reason());
		this.progress.count(resource, "failed", letters.size());
		List<BulkOp> ops = letters.stream()
			.map((letter) -> new BulkOp(this.deadLetters, letter.documentId(), letter))
			.toList();
		// Losing a dead letter would lose the record: the batch fails and its checkpoint
		// stays.
		return bulk(ops)
			.flatMap((result) -> result.failures().isEmpty() ? Mono.empty() : Mono.error(new StoreUnavailableException(
					"Could not store dead letters: " + result.failures().get(0).reason(), null)));
	}

	/** Requests of at most {@code batchSize} documents and about {@link #BULK_BYTES}. */
	private List<List<BulkOp>> chunks(List<BulkOp> ops) {
		List<List<BulkOp>> chunks = new ArrayList<>();
		List<BulkOp> chunk = new ArrayList<>();
		long bytes = 0;
		for (BulkOp op : ops) {
			long size = estimate(op.document());
			if (!chunk.isEmpty() && (chunk.size() >= this.batchSize || bytes + size > BULK_BYTES)) {
				chunks.add(chunk);
				chunk = new ArrayList<>();
				bytes = 0;
			}
			chunk.add(op);
			bytes += size;
		}
		if (!chunk.isEmpty()) {
			chunks.add(chunk);
		}
		return chunks;
	}

	private static long estimate(Object document) {
		if (document instanceof MessageDocument message && message.text() != null) {
			return 600 + 2L * message.text().length();
		}
		return 600;
	}

	/** Failures that say the cluster cannot write now, not that the document is bad. */
	private static boolean unavailable(int status, String reason) {
		return status == 429 || status == 503
				|| (reason != null && (reason.contains("cluster_block") || reason.contains("es_rejected_execution")));
	}

	private static String reason(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/** Maps one record to the documents that store it. */
	@FunctionalInterface
	interface Mapper<T> {

		void map(T record, Instant now, List<BulkOp> out);

	}

}
