package io.chatwarden.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.directory.AdminKeyDocument;
import io.chatwarden.directory.InviteDocument;
import io.chatwarden.directory.OrgUserDocument;
import io.chatwarden.directory.ProjectDocument;
import io.chatwarden.directory.ProjectKeyDocument;
import io.chatwarden.directory.WorkspaceUserDocument;
import io.chatwarden.gpt.GptDocument;
import io.chatwarden.openai.ApiPage;
import io.chatwarden.openai.OpenAiApiException;
import io.chatwarden.openai.OpenAiRecords;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.IndexRefresher;
import io.chatwarden.store.Indices;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * One sync run: every resource of both APIs, one after the other, each resumable from its
 * checkpoint. A failing resource is reported and the others still run; a retired source
 * is information, not a failure; only one run is under way at a time.
 */
@Service
public class SyncService {

	/** How often the indices a run writes in bulk refresh while it runs. */
	private static final String BULK_LOAD_REFRESH = "30s";

	private static final Log log = LogFactory.getLog(SyncService.class);

	/** How long a retired stateful source is left alone before it is asked again. */
	private static final Duration RETIRED_RECHECK = Duration.ofDays(1);

	private final OpenAiClients clients;

	private final PageLoop loop;

	private final CheckpointStore checkpoints;

	private final SyncProgress progress;

	private final SyncProperties properties;

	private final Indices indices;

	private final ProjectIds projectIds;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final IndexRefresher refresher;

	private final Redaction redaction;

	private final LogsSync logs;

	private final SyncRecoveryProperties recovery;

	private final FailureLog failures = new FailureLog(log);

	/** Stops the current run when a new one takes over from it. */
	private final AtomicReference<Sinks.Empty<Void>> abort = new AtomicReference<>();

	/** Whether the stateful conversations ran in this run (then the logs merge). */
	private volatile boolean statefulAlive;

	SyncService(OpenAiClients clients, PageLoop loop, CheckpointStore checkpoints, SyncProgress progress,
			SyncProperties properties, Indices indices, ProjectIds projectIds, Clock clock,
			ApplicationEventPublisher events, IndexRefresher refresher, Redaction redaction, LogsSync logs,
			SyncRecoveryProperties recovery) {
		this.recovery = recovery;
		this.clients = clients;
		this.loop = loop;
		this.checkpoints = checkpoints;
		this.progress = progress;
		this.properties = properties;
		this.indices = indices;
		this.projectIds = projectIds;
		this.clock = clock;
		this.events = events;
		this.refresher = refresher;
		this.redaction = redaction;
		this.logs = logs;
	}

	public SyncStatus status() {
		return this.progress.status();
	}

	/**
	 * A run of every resource, lazily: nothing happens until subscribed. Completes at
	 * once (without syncing) when another run is under way and making progress. A run
	 * always ends: whatever fails, the slot is released and the run marked failed (or
	 * partial, when records were dead-lettered), with the reason in {@code lastError}.
	 */
	public Mono<SyncStatus> run() {
		return Mono.defer(() -> {
			long run = this.progress.tryStart(this.recovery.stallAfter());
			if (run == 0) {
				return Mono.just(this.progress.status());
			}
			Sinks.Empty<Void> abort = Sinks.empty();
			Sinks.Empty<Void> previous = this.abort.getAndSet(abort);
			if (previous != null) {
				// Stops a wedged run that gave up its slot, so that it writes nothing
				// more
				// (a run that ended has nothing left to stop).
				previous.tryEmitEmpty();
			}
			Instant runStartedAt = this.clock.instant();
			List<String> errors = new ArrayList<>();
			log.info("Sync started");
			return Mono
				.usingWhen(bulkLoad(BULK_LOAD_REFRESH),
						(loading) -> Flux.concat(complianceResources(errors), adminResources(errors))
							.takeUntilOther(abort.asMono())
							.then(),
						(loading) -> bulkLoad(null))
				.then(Mono.defer(() -> finish(run, runStartedAt, errors)))
				.onErrorResume((ex) -> {
					this.failures.warn("Sync run failed: " + FailureLog.reason(ex), ex);
					synchronized (errors) {
						errors.add(FailureLog.reason(ex));
					}
					return ended(run, String.join("; ", errors));
				})
				.doOnCancel(() -> this.progress.finish(run, "Sync was cancelled", 0));
		});
	}

	/**
	 * The indices a run writes in bulk refresh every {@code interval} (null: at their own
	 * pace again). Best-effort: a failure costs speed, not data. A run that crashed
	 * leaves the slow refresh until the next run ends; searches then see new documents
	 * within that interval.
	 */
	private Mono<Boolean> bulkLoad(String interval) {
		List<String> written = List.of(this.indices.alias(Indices.MESSAGES), this.indices.alias(Indices.CONVERSATIONS),
				this.indices.alias(Indices.EVENTS));
		return this.refresher.refreshEvery(interval, written).thenReturn(true).onErrorResume((ex) -> {
			this.failures.warn("Could not set the refresh interval for the sync: " + FailureLog.reason(ex), ex);
			return Mono.just(false);
		});
	}

	private Mono<SyncStatus> finish(long run, Instant runStartedAt, List<String> errors) {
		if (!this.progress.current(run)) {
			return Mono.just(this.progress.status());
		}
		String error = errors.isEmpty() ? null : String.join("; ", errors);
		Mono<?> recorded = (error != null) ? Mono.empty() : this.checkpoints.load(Resources.RUN)
			.flatMap((last) -> this.checkpoints.save(last.completed(runStartedAt, this.clock.instant())));
		// A finished run is searchable at once: what syncStatus reports, queries (and
		// findings) see. Best-effort: every write was acknowledged already, and the
		// indices refresh by themselves within a second.
		Mono<?> visible = this.refresher.refresh(this.indices.prefix() + "-*").onErrorResume((ex) -> {
			this.failures.warn("Could not refresh the indices after the sync: " + FailureLog.reason(ex), ex);
			return Mono.empty();
		});
		return recorded.then(visible).then(Mono.defer(() -> ended(run, error)));
	}

	private Mono<SyncStatus> ended(long run, String error) {
		return Mono.fromCallable(() -> {
			long deadLetters = this.progress.deadLetters();
			if (!this.progress.finish(run, error, deadLetters)) {
				return this.progress.status();
			}
			String outcome = (error != null) ? " with errors: " + error
					: (deadLetters > 0) ? " partially (" + deadLetters + " record(s) dead-lettered)" : "";
			log.info("Sync finished" + outcome + ": " + summary());
			SyncStatus status = this.progress.status();
			this.events.publishEvent(new SyncCompleted(status, this.clock.instant()));
			return status;
		});
	}

	/**
	 * Restores the last success time from the index, so that a restart still shows it.
	 */
	Mono<Void> restore() {
		return this.checkpoints.load(Resources.RUN)
			.doOnNext((run) -> this.progress.restoreLastSuccess(run.lastSuccessAt()))
			.then();
	}

	private Mono<Void> resource(String resource, List<String> errors, Function<Instant, Mono<Void>> sync) {
		return Mono.defer(() -> {
			ResourceProgress counters = this.progress.of(resource);
			counters.start(this.clock.instant());
			return sync.apply(this.clock.instant()).then(Mono.<Void>fromRunnable(() -> {
				counters.finish(SyncState.DONE, this.clock.instant(), null);
				ResourceProgressView view = counters.view(this.clock.instant());
				log.info("Synced " + resource + ": " + view.fetched() + " fetched, " + view.indexed()
						+ " documents indexed, " + view.failed() + " dead-lettered");
			})).onErrorResume(ResourceSkipped.class, (ex) -> {
				log.info("Skipped " + resource + ": " + ex.getMessage());
				counters.finish(ex.retired() ? SyncState.RETIRED : SyncState.SKIPPED, this.clock.instant(), null);
				counters.note(ex.getMessage());
				return Mono.empty();
			}).onErrorResume((ex) -> {
				String message = resource + ": " + FailureLog.reason(ex);
				this.failures.warn("Sync of " + message, ex);
				counters.finish(SyncState.FAILED, this.clock.instant(), FailureLog.reason(ex));
				synchronized (errors) {
					errors.add(message);
				}
				return Mono.empty();
			});
		});
	}

	private Mono<Void> complianceResources(List<String> errors) {
		if (!this.clients.complianceConfigured()) {
			return skip(errors, "no Compliance API key and workspace id configured (chatwarden.openai.compliance.*)",
					Resources.USERS, Resources.GPTS, Resources.CONVERSATIONS, Resources.LOGS);
		}
		var compliance = this.clients.compliance();
		return Flux
			.concat(listing(errors, Resources.USERS, compliance::listUsers, Indices.USERS,
					(r, now) -> Documents.user(OpenAiRecords.user(r), now), WorkspaceUserDocument::id),
					listing(errors, Resources.GPTS, compliance::listGpts, Indices.GPTS,
							(r, now) -> Documents.gpt(OpenAiRecords.gpt(r), this.redaction, now), GptDocument::id),
					resource(Resources.CONVERSATIONS, errors, this::syncConversations),
					resource(Resources.LOGS, errors, (start) -> this.logs.sync(start, statefulAlive())))
			.then();
	}

	private Mono<Void> adminResources(List<String> errors) {
		if (!this.clients.adminConfigured()) {
			return skip(null, "no Admin API key configured (chatwarden.openai.admin.api-key)", Resources.ADMIN_KEYS,
					Resources.PROJECTS, Resources.PROJECT_KEYS, Resources.ORG_USERS, Resources.INVITES);
		}
		var admin = this.clients.admin();
		return Flux.concat(
				listing(errors, Resources.ADMIN_KEYS, admin::listAdminKeys, Indices.ADMIN_KEYS,
						(r, now) -> Documents.adminKey(OpenAiRecords.adminKey(r), now), AdminKeyDocument::id),
				listing(errors, Resources.PROJECTS, admin::listProjects, Indices.PROJECTS,
						(r, now) -> Documents.project(OpenAiRecords.project(r), now), ProjectDocument::id),
				resource(Resources.PROJECT_KEYS, errors, this::syncProjectKeys),
				listing(errors, Resources.ORG_USERS, admin::listOrgUsers, Indices.ORG_USERS,
						(r, now) -> Documents.orgUser(OpenAiRecords.orgUser(r), now), OrgUserDocument::id),
				listing(errors, Resources.INVITES, admin::listInvites, Indices.INVITES,
						(r, now) -> Documents.invite(OpenAiRecords.invite(r), now), InviteDocument::id))
			.then();
	}

	/**
	 * Marks resources as skipped; an error when the run cannot do anything useful without
	 * them.
	 */
	private Mono<Void> skip(List<String> errors, String reason, String... resources) {
		return Mono.fromRunnable(() -> {
			for (String resource : resources) {
				this.progress.of(resource).finish(SyncState.SKIPPED, this.clock.instant(), null);
				this.progress.of(resource).note(reason);
			}
			if (errors != null) {
				errors.add(reason);
			}
		});
	}

	/**
	 * A resource stored as one document per record, listed whole on every run: declared
	 * by its endpoint, index and mapping.
	 */
	private <T> Mono<Void> listing(List<String> errors, String resource, Function<String, Mono<ApiPage>> fetch,
			String logicalIndex, BiFunction<JsonNode, Instant, T> toDocument, Function<T, String> id) {
		return resource(resource, errors,
				(start) -> fullListing(resource, resource, start, fetch, oneDocument(logicalIndex, toDocument, id)));
	}

	/**
	 * Conversations from the stateful API, where it is used: the first page asks for
	 * those updated since the last high-water mark (less a safety margin), later pages
	 * follow {@code after} only; a conversation updated meanwhile comes again and
	 * replaces its earlier copy. In {@code auto}, a 410 marks the endpoint retired.
	 */
	private Mono<Void> syncConversations(Instant runStartedAt) {
		ConversationSource source = this.properties.conversationSource();
		if (!source.usesStateful()) {
			return Mono.error(new ResourceSkipped("chatwarden.sync.conversation-source is logs", false));
		}
		return this.checkpoints.load(Resources.CONVERSATIONS).flatMap((checkpoint) -> {
			if (source == ConversationSource.AUTO && checkpoint.retiredAt() != null
					&& checkpoint.retiredAt().plus(RETIRED_RECHECK).isAfter(this.clock.instant())) {
				this.statefulAlive = false;
				return Mono.error(retired(checkpoint.retiredAt()));
			}
			this.statefulAlive = true;
			return statefulConversations(checkpoint, runStartedAt)
				.onErrorResume((ex) -> source == ConversationSource.AUTO && ex instanceof OpenAiApiException api
						&& api.status() == 410, (ex) -> {
							this.statefulAlive = false;
							Instant now = this.clock.instant();
							return this.checkpoints.save(checkpoint.retired(now)).then(Mono.error(retired(now)));
						});
		});
	}

	private static ResourceSkipped retired(Instant since) {
		return new ResourceSkipped(
				"The stateful GET /conversations is retired (HTTP 410 since " + since
						+ "); conversations come from the Compliance Logs Platform. It is asked again once a day.",
				true);
	}

	private boolean statefulAlive() {
		ConversationSource source = this.properties.conversationSource();
		return source == ConversationSource.BOTH || (source == ConversationSource.AUTO && this.statefulAlive);
	}

	private Mono<Void> statefulConversations(Checkpoint checkpoint, Instant runStartedAt) {
		boolean merge = this.properties.conversationSource() != ConversationSource.STATEFUL;
		String conversations = this.indices.alias(Indices.CONVERSATIONS);
		String messages = this.indices.alias(Indices.MESSAGES);
		Ingest.Mapper<JsonNode> mapper = (record, now, out) -> {
			Documents.Conversation c = Documents.conversation(OpenAiRecords.conversation(record), this.redaction, now);
			ConversationDocument conversation = c.conversation();
			out.add(merge ? Merges.statefulConversation(conversations, conversation)
					: new BulkOp(conversations, conversation.id(), conversation));
			for (MessageDocument message : c.messages()) {
				out.add(merge ? Merges.statefulMessage(messages, message)
						: new BulkOp(messages, message.id(), message));
			}
		};
		Instant started = (checkpoint.interrupted() && checkpoint.runStartedAt() != null) ? checkpoint.runStartedAt()
				: runStartedAt;
		Long since = checkpoint.interrupted() ? checkpoint.sinceTimestamp() : (checkpoint.highWaterMark() == null)
				? null : checkpoint.highWaterMark().minus(this.properties.safetyMargin()).getEpochSecond();
		if (checkpoint.interrupted()) {
			log.info("Resuming the conversation sync after " + checkpoint.cursor());
		}
		Function<String, Mono<ApiPage>> fetch = (after) -> (after == null)
				? this.clients.compliance().listConversations(since, null)
				: this.clients.compliance().listConversations(null, after);
		return this.loop.run(Resources.CONVERSATIONS, checkpoint, started, since, fetch, mapper)
			.flatMap((last) -> this.checkpoints.save(last.completed(started, this.clock.instant())))
			.then();
	}

	/** Keys are listed per project; each project's listing has its own checkpoint. */
	private Mono<Void> syncProjectKeys(Instant runStartedAt) {
		return this.projectIds.all()
			.concatMap((projectId) -> fullListing(Resources.PROJECT_KEYS, Resources.PROJECT_KEYS + "/" + projectId,
					runStartedAt, (after) -> this.clients.admin().listProjectKeys(projectId, after),
					oneDocument(Indices.PROJECT_KEYS,
							(record, now) -> Documents.projectKey(OpenAiRecords.projectKey(projectId, record), now),
							ProjectKeyDocument::id)))
			.then();
	}

	/**
	 * A small resource listed whole on every run, resuming from its cursor after an
	 * interruption.
	 */
	private Mono<Void> fullListing(String resource, String checkpointId, Instant runStartedAt,
			Function<String, Mono<ApiPage>> fetch, Ingest.Mapper<JsonNode> mapper) {
		return this.checkpoints.load(checkpointId).flatMap((checkpoint) -> {
			Instant started = (checkpoint.interrupted() && checkpoint.runStartedAt() != null)
					? checkpoint.runStartedAt() : runStartedAt;
			return this.loop.run(resource, checkpoint, started, null, fetch, mapper)
				.flatMap((last) -> this.checkpoints.save(last.completed(started, this.clock.instant())))
				.then();
		});
	}

	/**
	 * A mapper for resources stored as one document per record, under the record's id.
	 */
	private <T> Ingest.Mapper<JsonNode> oneDocument(String logicalIndex, BiFunction<JsonNode, Instant, T> toDocument,
			Function<T, String> id) {
		String index = this.indices.alias(logicalIndex);
		return (record, now, out) -> {
			T document = toDocument.apply(record, now);
			out.add(new BulkOp(index, id.apply(document), document));
		};
	}

	private String summary() {
		StringBuilder summary = new StringBuilder();
		for (ResourceProgressView view : this.progress.status().resources()) {
			if (view.state() != SyncState.SKIPPED && view.state() != SyncState.RETIRED) {
				summary.append(view.resource()).append('=').append(view.fetched()).append(' ');
			}
		}
		return summary.toString().trim();
	}

}
