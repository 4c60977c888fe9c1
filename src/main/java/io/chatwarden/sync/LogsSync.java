package io.chatwarden.sync;

import io.chatwarden.dlp.DlpResult;
import io.chatwarden.dlp.DlpScanner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.chatwarden.events.EventDocument;
import io.chatwarden.openai.ComplianceLogsClient;
import io.chatwarden.openai.ConversationMessageEvent;
import io.chatwarden.openai.LogEvents;
import io.chatwarden.openai.LogFilePage;
import io.chatwarden.openai.OpenAiApiException;
import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.store.StoreProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Copies the Compliance Logs Platform: per event type, follows the {@code last_end_time}
 * cursor, reads each new file line by line in bounded batches, and commits the cursor and
 * the files done after each file. Events are keyed by {@code event_id} and messages by
 * their id, so a file read twice (the boundary file, a retried download) changes nothing.
 */
@Component
class LogsSync {

	private static final Log log = LogFactory.getLog(LogsSync.class);

	private final ComplianceLogsClient client;

	private final LogsProperties properties;

	private final SyncProperties syncProperties;

	private final BulkWriter writer;

	private final OpenSearchAsyncClient openSearch;

	private final ConversationRollup rollup;

	private final SyncProgress progress;

	private final Clock clock;

	private final Indices indices;

	private final int batchSize;

	private final DlpScanner dlp;

	LogsSync(ComplianceLogsClient client, LogsProperties properties, SyncProperties syncProperties, BulkWriter writer,
			OpenSearchAsyncClient openSearch, ConversationRollup rollup, SyncProgress progress, Clock clock,
			Indices indices, StoreProperties store, DlpScanner dlp) {
		this.dlp = dlp;
		this.client = client;
		this.properties = properties;
		this.syncProperties = syncProperties;
		this.writer = writer;
		this.openSearch = openSearch;
		this.rollup = rollup;
		this.progress = progress;
		this.clock = clock;
		this.indices = indices;
		this.batchSize = store.bulkBatchSize();
	}

	/**
	 * Every configured event type, one after the other; fails with
	 * {@link ResourceSkipped} where the platform is off or not enabled (404).
	 */
	Mono<Void> sync(Instant runStartedAt) {
		return Mono.defer(() -> {
			if (!this.properties.enabled()) {
				return Mono.error(new ResourceSkipped("chatwarden.sync.logs.enabled is false"));
			}
			ConversationSource source = this.syncProperties.conversationSource();
			List<String> types = this.properties.eventTypes()
				.stream()
				.filter(type -> source.usesLogs() || !LogEvents.CONVERSATION_MESSAGE.equals(type))
				.toList();
			return Flux.fromIterable(types).concatMap(type -> syncType(type, runStartedAt)).then();
		})
			.onErrorMap(ex -> ex instanceof OpenAiApiException api && api.status() == 404,
					ex -> new ResourceSkipped(ex.getMessage() + (this.syncProperties.conversationSource().usesStateful()
							? " Conversations still come from the stateful API."
							: " No conversations are copied: set chatwarden.sync.conversation-source to both or stateful.")));
	}

	private Mono<Void> syncType(String type, Instant runStartedAt) {
		String resource = Resources.LOGS + "/" + type;
		return load(resource).flatMap(checkpoint -> {
			String start = (checkpoint.cursor() != null) ? checkpoint.cursor()
					: runStartedAt.minus(this.properties.backfill()).toString();
			Step first = new Step(start, checkpoint.filesDone(), true);
			return Mono.just(first)
				.expand(step -> step.hasMore() ? page(type, resource, step) : Mono.empty())
				.last()
				.flatMap(last -> save(new LogCheckpoint(resource, last.cursor(), last.filesDone(), this.clock.instant(),
						this.clock.instant())))
				.then();
		});
	}

	private Mono<Step> page(String type, String resource, Step step) {
		return this.client.listFiles(type, step.cursor(), this.properties.pageSize()).flatMap(page -> {
			Set<String> done = new LinkedHashSet<>(step.filesDone());
			List<String> fresh = page.fileIds().stream().filter(id -> !done.contains(id)).toList();
			return Flux.fromIterable(fresh).concatMap(id -> file(type, id).then(Mono.defer(() -> {
				done.add(id);
				return save(new LogCheckpoint(resource, step.cursor(), List.copyOf(done), null, this.clock.instant()));
			}))).then(Mono.defer(() -> next(resource, step, page, fresh, done)));
		});
	}

	private Mono<Step> next(String resource, Step step, LogFilePage page, List<String> fresh, Set<String> done) {
		// An empty page has no last_end_time: keep the cursor.
		String cursor = (page.lastEndTime() != null) ? page.lastEndTime() : step.cursor();
		boolean moved = !cursor.equals(step.cursor());
		if (page.hasMore() && !moved && fresh.isEmpty()) {
			return Mono.error(new IllegalStateException(
					"The " + resource + " listing said has_more but its cursor stayed at " + step.cursor()));
		}
		// The files of this page may come again after the new cursor (the boundary file).
		List<String> carry = moved ? page.fileIds() : List.copyOf(done);
		return save(new LogCheckpoint(resource, cursor, carry, null, this.clock.instant()))
			.thenReturn(new Step(cursor, carry, page.hasMore()));
	}

	/** One file, read again from its start when the download breaks. */
	private Mono<Void> file(String type, String fileId) {
		Mono<Void> once = Mono.defer(() -> {
			Set<String> conversations = ConcurrentHashMap.newKeySet();
			return this.client.lines(fileId)
				.buffer(this.batchSize)
				.concatMap(lines -> write(map(lines, conversations)))
				.then(Mono.defer(() -> this.rollup.recount(conversations)));
		});
		return once.retryWhen(Retry.backoff(this.properties.fileAttempts() - 1, Duration.ofMillis(200))
			.filter(LogsSync::interrupted)
			.doBeforeRetry(signal -> log
				.warn("Reading log file " + fileId + " (" + type + ") again: " + signal.failure().getMessage()))
			.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	private static boolean interrupted(Throwable failure) {
		return failure instanceof OpenAiApiException api && (api.status() == 0 || api.status() >= 500);
	}

	private MappedPage map(List<String> lines, Set<String> conversations) {
		ResourceProgress counters = this.progress.of(Resources.LOGS);
		counters.fetched(lines.size());
		this.progress.count(Resources.LOGS, "fetched", lines.size());
		Instant now = this.clock.instant();
		if (counters.dueForLog(now, this.syncProperties.progressLogInterval())) {
			ResourceProgressView view = counters.view(now);
			log.info("Syncing logs: " + view.fetched() + " events fetched, " + view.indexed() + " documents indexed, "
					+ view.failed() + " failed (" + view.ratePerSecond() + " events/s)");
		}
		MappedPage mapped = MappedPage.empty();
		for (String line : lines) {
			JsonNode node = null;
			try {
				node = LogEvents.parse(line);
				if (LogEvents.CONVERSATION_MESSAGE.equals(node.path("type").asString(null))) {
					ConversationMessageEvent event = LogEvents.conversationMessage(node);
					// DLP before anything is written, as on the stateful path: no raw
					// value reaches the index.
					DlpResult dlp = this.dlp.scan(event.text());
					LogMessageDocument message = LogMessageDocument.from(event, now).withDlp(dlp);
					mapped.documents().add(Merges.logMessage(this.indices.messages(), message));
					mapped.documents()
						.add(Merges.logConversation(this.indices.conversations(),
								LogConversationDocument.from(event, now)
									.withDlpDetectors(
											message.dlpDetectors() == null ? List.of() : message.dlpDetectors())));
					conversations.add(event.conversationId());
				}
				else {
					EventDocument event = EventDocument.from(LogEvents.event(node), now);
					mapped.documents().add(new BulkOp(this.indices.alias(Indices.EVENTS), event.eventId(), event));
				}
			}
			catch (RuntimeException ex) {
				String id = (node != null) ? node.path("event_id").asString(null) : null;
				String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
				mapped.deadLetters().add(new DeadLetter(Resources.LOGS, id, reason, line, now));
			}
		}
		return mapped;
	}

	private Mono<Void> write(MappedPage mapped) {
		ResourceProgress counters = this.progress.of(Resources.LOGS);
		List<DeadLetter> letters = new ArrayList<>(mapped.deadLetters());
		return this.writer.write(mapped.documents()).flatMap(result -> {
			counters.indexed(result.succeeded());
			this.progress.count(Resources.LOGS, "indexed", result.succeeded());
			for (BulkWriter.BulkFailure failure : result.failures()) {
				letters.add(new DeadLetter(Resources.LOGS, failure.op().id(),
						"OpenSearch rejected the document: " + failure.reason(),
						String.valueOf(failure.op().document()), this.clock.instant()));
			}
			if (letters.isEmpty()) {
				return Mono.empty();
			}
			letters.forEach(letter -> log.warn("Dead-lettered a log event"
					+ (letter.sourceId() != null ? " (" + letter.sourceId() + ")" : "") + ": " + letter.reason()));
			counters.failed(letters.size(), letters.get(letters.size() - 1).reason());
			this.progress.count(Resources.LOGS, "failed", letters.size());
			String index = this.indices.alias(Indices.DEAD_LETTERS);
			return this.writer.write(letters.stream().map(l -> new BulkOp(index, l.documentId(), l)).toList()).then();
		});
	}

	private Mono<LogCheckpoint> load(String resource) {
		String index = this.indices.alias(Indices.SYNC_STATE);
		return OpenSearchCalls.mono(() -> this.openSearch.get(g -> g.index(index).id(resource), LogCheckpoint.class))
			.map(response -> response.found() ? response.source()
					: new LogCheckpoint(resource, null, List.of(), null, null));
	}

	private Mono<LogCheckpoint> save(LogCheckpoint checkpoint) {
		String index = this.indices.alias(Indices.SYNC_STATE);
		return OpenSearchCalls
			.mono(() -> this.openSearch.index(i -> i.index(index).id(checkpoint.resource()).document(checkpoint)))
			.thenReturn(checkpoint);
	}

	/** Where a type's listing stands between pages. */
	private record Step(String cursor, List<String> filesDone, boolean hasMore) {
	}

}
