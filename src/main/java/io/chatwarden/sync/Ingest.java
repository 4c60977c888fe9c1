package io.chatwarden.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

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
 * OpenSearch cannot take writes at all, nothing is dead-lettered: the write is held and
 * tried again ({@link StoreHold}), and fails with {@link StoreUnavailableException} only
 * after that, the checkpoint where it was.
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

	private final StoreHold hold;

	Ingest(BulkWriter writer, SyncProgress progress, Redaction redaction, Clock clock, Indices indices,
			StoreProperties store, SyncProperties properties, StoreHold hold) {
		this.writer = writer;
		this.hold = hold;
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
		return map(resource, records, mapper, sourceId, (i) -> null);
	}

	/**
	 * As {@link #map(String, List, Mapper, Function)}, remembering where each record was
	 * read so that a dead letter says it.
	 * @param position where the i-th record of the list was read (page, or file and line)
	 */
	<T> Batch map(String resource, List<T> records, Mapper<T> mapper, Function<T, String> sourceId,
			LongFunction<String> position) {
		Batch batch = Batch.of(records.size());
		Instant now = this.clock.instant();
		for (int i = 0; i < records.size(); i++) {
			T record = records.get(i);
			int first = batch.documents().size();
			try {
				mapper.map(record, now, batch.documents());
				if (batch.documents().size() > first) {
					Batch.Source source = new Batch.Source(record, position.apply(i));
					for (BulkOp op : batch.documents().subList(first, batch.documents().size())) {
						batch.sources().put(op, source);
					}
				}
			}
			catch (RuntimeException ex) {
				batch.documents().subList(first, batch.documents().size()).clear();
				batch.deadLetters()
					.add(deadLetter(resource, sourceId.apply(record), reason(ex), record, position.apply(i)));
			}
		}
		this.progress.of(resource).fetched(records.size());
		this.progress.count(resource, "fetched", records.size());
		return batch;
	}

	/** A record kept as a dead letter, masked by DLP whatever its shape. */
	DeadLetter deadLetter(String resource, String sourceId, String reason, Object record) {
		return deadLetter(resource, sourceId, reason, record, null);
	}

	DeadLetter deadLetter(String resource, String sourceId, String reason, Object record, String position) {
		return new DeadLetter(resource, sourceId, reason, this.redaction.payload(record), this.clock.instant(),
				position);
	}

	/**
	 * Writes a batch, then its dead letters (mapping failures and rejected documents);
	 * completes only when all of them were acknowledged. While OpenSearch cannot take
	 * writes, the whole batch is held and tried again ({@link StoreHold}): nothing is
	 * dead-lettered for it, and the caller's checkpoint waits.
	 */
	Mono<Void> write(String resource, Batch batch) {
		return write(resource, batch, (op) -> {
		});
	}

	/**
	 * As {@link #write(String, Batch)}, telling which documents OpenSearch rejected (each
	 * dead-lettered).
	 */
	Mono<Void> write(String resource, Batch batch, Consumer<BulkOp> rejected) {
		return this.hold.hold(resource, Mono.defer(() -> writeOnce(resource, batch, rejected)));
	}

	private Mono<Void> writeOnce(String resource, Batch batch, Consumer<BulkOp> rejected) {
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
						rejected.accept(failure.op());
						Batch.Source source = batch.sources().get(failure.op());
						letters.add(deadLetter(resource, failure.op().id(),
								"OpenSearch rejected the document: " + failure.reason(),
								(source != null) ? source.record() : failure.op().document(),
								(source != null) ? source.position() : null));
					}
				}
				long acknowledged = indexed;
				return deadLetter(resource, letters).then(Mono.fromRunnable(() -> {
					this.progress.of(resource).indexed(acknowledged);
					this.progress.count(resource, "indexed", acknowledged);
					if (!letters.isEmpty()) {
						this.progress.of(resource).failed(letters.size(), letters.get(letters.size() - 1).reason());
						this.progress.count(resource, "failed", letters.size());
					}
				}));
			});
	}

	private Mono<BulkResult> bulk(List<BulkOp> chunk) {
		return this.writer.write(chunk)
			.onErrorMap((ex) -> !(ex instanceof StoreUnavailableException) && StoreHold.unavailable(ex),
					(ex) -> new StoreUnavailableException("OpenSearch is unavailable: " + reason(ex), ex));
	}

	private Mono<Void> deadLetter(String resource, List<DeadLetter> letters) {
		if (letters.isEmpty()) {
			return Mono.empty();
		}
		// One line per batch, not per record: a mass rejection must not flood the log.
		DeadLetter last = letters.get(letters.size() - 1);
		log.warn("Dead-lettered " + letters.size() + " " + resource + " record(s), the last"
				+ ((last.sourceId() != null) ? " (" + last.sourceId() + ")" : "") + ": " + last.reason());
		List<BulkOp> ops = letters.stream()
			.map((letter) -> new BulkOp(this.deadLetters, letter.documentId(), letter))
			.toList();
		// Losing a dead letter would lose the record: the batch fails and its checkpoint
		// stays.
		return bulk(ops)
			.flatMap((result) -> result.failures().isEmpty() ? Mono.empty() : Mono.error(new StoreUnavailableException(
					"Could not store dead letters: " + result.failures().get(0).reason(), null)));
	}

	private List<List<BulkOp>> chunks(List<BulkOp> ops) {
		return chunks(ops, this.batchSize, BULK_BYTES);
	}

	/**
	 * Requests of at most {@code batchSize} documents and about {@code maxBytes}, except
	 * that a tail of less than half a request rides with the request before it (up to 1.5
	 * times {@code batchSize}, never over {@code maxBytes}): a write a little over one
	 * request (a log write's messages and their conversations) then costs the node one
	 * request, not a full one and a small one.
	 */
	static List<List<BulkOp>> chunks(List<BulkOp> ops, int batchSize, long maxBytes) {
		List<List<BulkOp>> chunks = new ArrayList<>();
		List<BulkOp> chunk = new ArrayList<>();
		long bytes = 0;
		long previousBytes = 0;
		for (BulkOp op : ops) {
			long size = estimate(op.document());
			if (!chunk.isEmpty() && (chunk.size() >= batchSize || bytes + size > maxBytes)) {
				chunks.add(chunk);
				chunk = new ArrayList<>();
				previousBytes = bytes;
				bytes = 0;
			}
			chunk.add(op);
			bytes += size;
		}
		if (chunk.isEmpty()) {
			return chunks;
		}
		List<BulkOp> previous = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
		if (previous != null && 2 * chunk.size() < batchSize && previousBytes + bytes <= maxBytes) {
			previous.addAll(chunk);
		}
		else {
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
		return status == 429 || status == 502 || status == 503 || status == 504
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
