package io.chatwarden.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.openai.ComplianceLogsClient;
import io.chatwarden.openai.ComplianceProperties;
import io.chatwarden.openai.LogEvents;
import io.chatwarden.openai.LogFileDigestException;
import io.chatwarden.openai.LogFilePage;
import io.chatwarden.openai.LogFilePage.LogFile;
import io.chatwarden.openai.OpenAiApiException;
import io.chatwarden.openai.SignedUrlRefusedException;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.Indices;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Copies the Compliance Logs Platform, each configured event type on its own: follows the
 * listing by {@code end_time}, downloads a bounded number of files at once (each streamed
 * line by line, its sha256 checked), writes them through {@link Ingest} and commits the
 * type's checkpoint file by file, in order, after the write was acknowledged. Events are
 * keyed by {@code event_id} and messages by their id, so the boundary file and events
 * delivered twice change nothing. One type failing does not stop the others. A
 * conversation is built with the write that holds all its messages where it can be
 * ({@link RunConversations}), else by the rollup at the end of the type.
 */
@Component
class LogsSync {

	private static final Log log = LogFactory.getLog(LogsSync.class);

	/** How a dead letter that stands for a whole file (not one line) says so. */
	static final String WHOLE_FILE = " (whole file)";

	private final ComplianceLogsClient client;

	private final LogsProperties properties;

	private final SyncProperties syncProperties;

	private final Ingest ingest;

	private final CheckpointStore checkpoints;

	private final ConversationRollup rollup;

	private final SyncProgress progress;

	private final Redaction redaction;

	private final Clock clock;

	private final String messages;

	private final String conversations;

	private final String events;

	private final String productKey;

	private final Backoff downloads;

	private final StoreHold hold;

	LogsSync(ComplianceLogsClient client, LogsProperties properties, SyncProperties syncProperties, Ingest ingest,
			CheckpointStore checkpoints, ConversationRollup rollup, SyncProgress progress, Redaction redaction,
			Clock clock, Indices indices, ComplianceProperties compliance, SyncRecoveryProperties recovery,
			StoreHold hold) {
		this.hold = hold;
		this.downloads = new Backoff(recovery.downloadMinBackoff(), recovery.downloadMaxBackoff(),
				recovery.downloadMaxWait());
		this.client = client;
		this.properties = properties;
		this.syncProperties = syncProperties;
		this.ingest = ingest;
		this.checkpoints = checkpoints;
		this.rollup = rollup;
		this.progress = progress;
		this.redaction = redaction;
		this.clock = clock;
		this.messages = indices.messages();
		this.conversations = indices.conversations();
		this.events = indices.alias(Indices.EVENTS);
		this.productKey = redactedId(compliance.apiKey());
	}

	/**
	 * Every configured event type, one after the other; fails with
	 * {@link ResourceSkipped} where the platform is off or says it is not enabled, and
	 * with the failed types' reasons after the others were copied.
	 * @param mergeWithStateful whether the stateful API writes the same messages in this
	 * run (then messages are merged, not replaced)
	 */
	Mono<Void> sync(Instant runStartedAt, boolean mergeWithStateful) {
		if (!this.properties.enabled()) {
			return Mono.error(new ResourceSkipped("chatwarden.sync.logs.enabled is false"));
		}
		boolean messagesToo = this.syncProperties.conversationSource().usesLogs();
		List<String> types = this.properties.eventTypes()
			.stream()
			.filter((type) -> messagesToo || !LogEvents.CONVERSATION_MESSAGE.equals(type))
			.toList();
		List<String> failures = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		return Flux.fromIterable(types)
			.concatMap((type) -> syncType(type, runStartedAt, mergeWithStateful).onErrorResume((ex) -> {
				if (notEnabled(ex)) {
					return Mono.error(new ResourceSkipped(
							ex.getMessage() + " The Compliance Logs Platform is not " + "enabled for this workspace."
									+ (mergeWithStateful ? " Conversations still come from the stateful API."
											: " No conversations are copied until it is.")));
				}
				if (ex instanceof OpenAiApiException api
						&& (api.status() == 400 || api.status() == 403 || api.status() == 404)) {
					notes.add(type + " is not served here (HTTP " + api.status() + ")");
					return Mono.empty();
				}
				log.warn("Sync of logs/" + type + " failed: " + ex.getMessage());
				failures.add(type + ": " + ex.getMessage());
				return Mono.empty();
			}))
			.then(Mono.defer(() -> {
				if (!notes.isEmpty()) {
					this.progress.of(Resources.LOGS).note(String.join("; ", notes));
				}
				return failures.isEmpty() ? Mono.<Void>empty()
						: Mono.error(new IllegalStateException(String.join("; ", failures)));
			}));
	}

	/** A 404 is "not enabled" only when the listing itself says so. */
	private static boolean notEnabled(Throwable ex) {
		return ex instanceof OpenAiApiException api && api.status() == 404 && ex.getMessage() != null
				&& ex.getMessage().toLowerCase().contains("not enabled");
	}

	private Mono<Void> syncType(String type, Instant runStartedAt, boolean merge) {
		String id = Resources.LOGS + "/" + type;
		boolean messageType = LogEvents.CONVERSATION_MESSAGE.equals(type);
		return this.checkpoints.load(id, LogCheckpoint.class, LogCheckpoint::empty)
			.flatMap((loaded) -> this.checkpoints.save(id, loaded.started(runStartedAt, this.clock.instant())))
			.flatMap((start) -> {
				AtomicReference<LogCheckpoint> committed = new AtomicReference<>(start);
				String from = (start.cursor() != null) ? start.cursor()
						: runStartedAt.minus(this.properties.backfill()).toString();
				// A resumed run rolls up everything since the failed one began instead.
				boolean fresh = runStartedAt.equals(start.runStartedAt());
				RunConversations conversations = (messageType && !merge && fresh)
						? new RunConversations(true, this.conversations, RunConversations.REMEMBERED)
						: RunConversations.none();
				return files(type, from, start)
					.flatMapSequential((file) -> chunks(type, file, merge), this.properties.concurrency(), 1)
					.transform(this::coalesce)
					.flatMapSequential((chunks) -> write(chunks, conversations), this.syncProperties.bulkConcurrency(),
							1)
					.filter((files) -> !files.isEmpty())
					.concatMap(
							(files) -> this.checkpoints.save(id, committed.updateAndGet((c) -> committedAll(c, files))))
					.then(Mono.defer(
							() -> messageType ? this.hold.hold(id, rollUp(start, merge, conversations)) : Mono.empty()))
					.then(Mono.defer(() -> this.checkpoints.save(id, committed.get().completed(this.clock.instant()))))
					.then();
			});
	}

	/**
	 * The type's files from a cursor on, page by page, without those already committed
	 * and without a file served twice (the boundary file comes again on the next page).
	 */
	private Flux<LogFile> files(String type, String from, LogCheckpoint done) {
		Set<String> seen = new HashSet<>();
		return Mono.just(new Listing(from, true, List.of()))
			.expand((listing) -> listing.hasMore() ? page(type, listing.cursor()) : Mono.empty())
			.concatMapIterable(Listing::files)
			.filter((file) -> !done.done(file.id(), file.endTime()) && seen.add(file.id()));
	}

	private Mono<Listing> page(String type, String cursor) {
		return this.client.listFiles(type, cursor, this.properties.pageSize()).flatMap((page) -> {
			// An empty page has no last_end_time: keep the cursor.
			String next = (page.lastEndTime() != null) ? page.lastEndTime() : cursor;
			if (page.hasMore() && next.equals(cursor) && page.files().size() <= 1) {
				return Mono.error(new IllegalStateException(
						"The logs/" + type + " listing said has_more but its cursor stayed at " + cursor));
			}
			return Mono.just(new Listing(next, page.hasMore(), withEndTimes(page)));
		});
	}

	/** Files without an {@code end_time} take the page's. */
	private static List<LogFile> withEndTimes(LogFilePage page) {
		return page.files()
			.stream()
			.map((f) -> (f.endTime() != null) ? f
					: new LogFile(f.id(), f.eventType(), page.lastEndTime(), f.fileName(), f.size(), f.sha256()))
			.toList();
	}

	/**
	 * One file: streamed and mapped off the event loop, a batch of lines at a time, then
	 * an end marker. Nothing is written here, so that the small files the platform often
	 * serves are written together ({@link #coalesce}). A broken download is tried again
	 * with a backoff (with jitter, for up to
	 * {@code chatwarden.sync.recovery.download-max-wait} without progress) and resumes
	 * after the lines already read; a signed URL that expired is asked for anew. A file
	 * whose digest does not match is read again whole (its lines rewrite the same ids),
	 * and dead-lettered with the reason after {@code file-attempts} mismatches; the type
	 * goes on.
	 */
	private Flux<Chunk> chunks(String type, LogFile file, boolean merge) {
		AtomicLong read = new AtomicLong();
		AtomicInteger mismatches = new AtomicInteger();
		Flux<Chunk> once = Flux.defer(() -> {
			long skip = read.get();
			AtomicLong next = new AtomicLong(skip);
			return this.client.lines(file)
				.skip(skip)
				.buffer(this.ingest.batchSize())
				.publishOn(Schedulers.parallel(), 1)
				.map((lines) -> {
					long first = next.getAndAdd(lines.size());
					Batch batch = batch(lines, merge,
							(i) -> Resources.LOGS + "/" + type + " file " + file.id() + " line " + (first + i + 1));
					read.addAndGet(lines.size());
					return new Chunk(file, batch, false);
				});
		});
		return once.retryWhen(this.downloads.retry((failure) -> {
			if (failure instanceof LogFileDigestException) {
				// The bytes cannot be trusted: read the whole file again.
				read.set(0);
				return mismatches.incrementAndGet() < this.properties.fileAttempts();
			}
			return worthRetrying(failure);
		}, (signal) -> log.warn("Reading log file " + file.id() + " (" + type + ") again"
				+ ((read.get() > 0) ? " after line " + read.get() : "") + ": " + signal.failure().getMessage()),
				read::get))
			.onErrorResume(LogFileDigestException.class,
					(ex) -> Mono.just(new Chunk(file, deadFile(file, ex.getMessage()), false)))
			.concatWith(Mono.fromSupplier(() -> new Chunk(file, Batch.of(0), true)));
	}

	/**
	 * Chunks of consecutive files gathered until they hold a bulk request's worth of
	 * documents, so that small files do not make small requests.
	 */
	private Flux<List<Chunk>> coalesce(Flux<Chunk> chunks) {
		return Flux.defer(() -> {
			AtomicInteger documents = new AtomicInteger();
			return chunks.bufferUntil((chunk) -> {
				if (documents.addAndGet(chunk.batch().documents().size()) < this.ingest.batchSize()) {
					return false;
				}
				documents.set(0);
				return true;
			});
		});
	}

	/** The checkpoint once these files, in order, were written whole. */
	private LogCheckpoint committedAll(LogCheckpoint checkpoint, List<LogFile> files) {
		LogCheckpoint committed = checkpoint;
		for (LogFile file : files) {
			committed = committed.committed(file.id(), file.endTime(), this.clock.instant());
		}
		return committed;
	}

	/**
	 * Writes gathered chunks as one batch, with the conversations it holds whole; emits
	 * the files they completed, in order (one checkpoint save for all of them).
	 */
	private Mono<List<LogFile>> write(List<Chunk> chunks, RunConversations conversations) {
		Batch batch = Batch.of(0);
		for (Chunk chunk : chunks) {
			batch.documents().addAll(chunk.batch().documents());
			batch.deadLetters().addAll(chunk.batch().deadLetters());
			batch.sources().putAll(chunk.batch().sources());
		}
		return this.rollup.stored(conversations.unseen(batch))
			.doOnNext((stored) -> conversations.build(batch, stored, this.clock.instant()))
			.then(Mono.defer(() -> this.ingest.write(Resources.LOGS, batch, conversations::rejected)))
			.then(Mono.fromSupplier(() -> chunks.stream().filter(Chunk::fileEnd).map(Chunk::file).toList()));
	}

	/** The conversations the run's writes did not build whole, from the store. */
	private Mono<Void> rollUp(LogCheckpoint start, boolean merge, RunConversations conversations) {
		long built = conversations.built();
		if (built > 0) {
			log.info("Built " + built + " conversation(s) of the logs from their messages as they were written");
		}
		return this.rollup.rollUpSince(start.runStartedAt(), merge, conversations::builtWhole);
	}

	/** Lines of a file, mapped; or the mark that the file was read to its end. */
	private record Chunk(LogFile file, Batch batch, boolean fileEnd) {
	}

	private Batch deadFile(LogFile file, String reason) {
		Batch batch = Batch.of(0);
		batch.deadLetters()
			.add(this.ingest.deadLetter(Resources.LOGS, file.id(), reason, file,
					Resources.LOGS + "/" + file.eventType() + " file " + file.id() + WHOLE_FILE));
		return batch;
	}

	private static boolean worthRetrying(Throwable failure) {
		return failure instanceof SignedUrlRefusedException
				|| (failure instanceof OpenAiApiException api && (api.status() == 0 || api.status() >= 500));
	}

	/**
	 * Lines to documents: messages and every other event whole. Conversations are built
	 * from their messages once the type's files are written ({@link ConversationRollup}).
	 */
	private Batch batch(List<String> lines, boolean merge, LongFunction<String> position) {
		Map<String, Instant> lastActive = new HashMap<>();
		Batch batch = this.ingest.map(Resources.LOGS, lines, (line, now, out) -> {
			JsonNode node = LogEvents.parse(line);
			if (LogEvents.CONVERSATION_MESSAGE.equals(node.path("type").asString(null))) {
				MessageDocument message = Documents.message(LogEvents.conversationMessage(node), this.redaction, now);
				out.add(merge ? Merges.logMessage(this.messages, message)
						: new BulkOp(this.messages, message.id(), message));
				if (message.createdAt() != null) {
					lastActive.merge(message.conversationId(), message.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
				}
			}
			else {
				var event = Documents.event(LogEvents.event(node), this.redaction, this.productKey, now);
				out.add(new BulkOp(this.events, event.eventId(), event));
			}
		}, LogsSync::eventId, position);
		stampLastActive(batch, lastActive);
		return batch;
	}

	/**
	 * Messages are written with the newest activity this batch knows of their
	 * conversation, so that the run's rollup has to restamp only the messages of
	 * conversations that span batches (each restamp is a second write of the message).
	 */
	private static void stampLastActive(Batch batch, Map<String, Instant> lastActive) {
		List<BulkOp> documents = batch.documents();
		for (int i = 0; i < documents.size(); i++) {
			BulkOp op = documents.get(i);
			if (op.document() instanceof MessageDocument message) {
				Instant last = lastActive.get(message.conversationId());
				if (last != null && !last.equals(message.conversationLastActiveAt())) {
					batch.replace(i, message.withConversationLastActiveAt(last));
				}
			}
		}
	}

	private static String eventId(String line) {
		int at = line.indexOf("\"event_id\"");
		if (at < 0) {
			return null;
		}
		int open = line.indexOf('"', line.indexOf(':', at) + 1);
		int close = (open < 0) ? -1 : line.indexOf('"', open + 1);
		return (close < 0) ? null : line.substring(open + 1, close);
	}

	/** {@code sk-...ABCD}: how the audit feed names a key. */
	static String redactedId(String key) {
		if (key == null || key.isBlank()) {
			return null;
		}
		String k = key.trim();
		return "sk-..." + k.substring(Math.max(0, k.length() - 4));
	}

	/** Where a type's listing stands between pages. */
	private record Listing(String cursor, boolean hasMore, List<LogFile> files) {
	}

}
