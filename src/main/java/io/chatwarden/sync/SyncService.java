package io.chatwarden.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.conversation.ReadingOrder;
import io.chatwarden.directory.AdminKeyDocument;
import io.chatwarden.dlp.DlpResult;
import io.chatwarden.dlp.DlpScanner;
import io.chatwarden.directory.InviteDocument;
import io.chatwarden.directory.OrgUserDocument;
import io.chatwarden.directory.ProjectDocument;
import io.chatwarden.directory.ProjectKeyDocument;
import io.chatwarden.directory.WorkspaceUserDocument;
import io.chatwarden.gpt.GptDocument;
import io.chatwarden.openai.ApiPage;
import io.chatwarden.openai.ComplianceConversation;
import io.chatwarden.openai.ComplianceMessage;
import io.chatwarden.openai.OpenAiRecords;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.IndexRefresher;
import io.chatwarden.store.Indices;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * One sync run: every resource of both APIs, one after the other, each resumable from its
 * checkpoint. A failing resource is reported and the others still run; only one run is
 * under way at a time.
 */
@Service
public class SyncService {

	private static final Log log = LogFactory.getLog(SyncService.class);

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

	private final DlpScanner dlp;

	private final LogsSync logs;

	SyncService(OpenAiClients clients, PageLoop loop, CheckpointStore checkpoints, SyncProgress progress,
			SyncProperties properties, Indices indices, ProjectIds projectIds, Clock clock,
			ApplicationEventPublisher events, IndexRefresher refresher, DlpScanner dlp, LogsSync logs) {
		this.dlp = dlp;
		this.events = events;
		this.refresher = refresher;
		this.logs = logs;
		this.projectIds = projectIds;
		this.clients = clients;
		this.loop = loop;
		this.checkpoints = checkpoints;
		this.progress = progress;
		this.properties = properties;
		this.indices = indices;
		this.clock = clock;
	}

	public SyncStatus status() {
		return this.progress.status();
	}

	/**
	 * A run of every resource, lazily: nothing happens until subscribed. Completes at
	 * once (without syncing) when another run is under way.
	 */
	public Mono<SyncStatus> run() {
		return Mono.defer(() -> {
			if (!this.progress.tryStart()) {
				return Mono.just(this.progress.status());
			}
			Instant runStartedAt = this.clock.instant();
			List<String> errors = new ArrayList<>();
			log.info("Sync started");
			return Flux.concat(complianceResources(errors), adminResources(errors))
				.then(Mono.defer(() -> finish(runStartedAt, errors)))
				.doOnCancel(() -> this.progress.finish("Sync was cancelled"));
		});
	}

	private Mono<SyncStatus> finish(Instant runStartedAt, List<String> errors) {
		String error = errors.isEmpty() ? null : String.join("; ", errors);
		Mono<?> recorded = error != null ? Mono.empty() : this.checkpoints.load(Resources.RUN)
			.flatMap(run -> this.checkpoints.save(run.completed(runStartedAt, this.clock.instant())));
		// A finished run is searchable at once: what syncStatus reports, queries (and
		// findings) see.
		Mono<?> visible = this.refresher.refresh(this.indices.prefix() + "-*");
		return recorded.then(visible).then(Mono.fromCallable(() -> {
			this.progress.finish(error);
			log.info("Sync finished" + (error == null ? "" : " with errors: " + error) + ": " + summary());
			SyncStatus status = this.progress.status();
			this.events.publishEvent(new SyncCompleted(status, this.clock.instant()));
			return status;
		}));
	}

	/**
	 * Restores the last success time from the index, so that a restart still shows it.
	 */
	Mono<Void> restore() {
		return this.checkpoints.load(Resources.RUN)
			.doOnNext(run -> this.progress.restoreLastSuccess(run.lastSuccessAt()))
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
			})).onErrorResume(ResourceSkipped.class, ex -> {
				log.info("Skipped " + resource + ": " + ex.getMessage());
				counters.finish(SyncState.SKIPPED, this.clock.instant(), ex.getMessage());
				return Mono.empty();
			}).onErrorResume(ex -> {
				String message = resource + ": " + ex.getMessage();
				log.warn("Sync of " + message);
				counters.finish(SyncState.FAILED, this.clock.instant(), ex.getMessage());
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
		return Flux
			.concat(resource(Resources.USERS, errors, this::syncUsers),
					resource(Resources.GPTS, errors, this::syncGpts),
					resource(Resources.CONVERSATIONS, errors, this::syncConversations),
					resource(Resources.LOGS, errors, this.logs::sync))
			.then();
	}

	private Mono<Void> adminResources(List<String> errors) {
		if (!this.clients.adminConfigured()) {
			return skip(null, "no Admin API key configured (chatwarden.openai.admin.api-key)", Resources.ADMIN_KEYS,
					Resources.PROJECTS, Resources.PROJECT_KEYS, Resources.ORG_USERS, Resources.INVITES);
		}
		return Flux
			.concat(resource(Resources.ADMIN_KEYS, errors, this::syncAdminKeys),
					resource(Resources.PROJECTS, errors, this::syncProjects),
					resource(Resources.PROJECT_KEYS, errors, this::syncProjectKeys),
					resource(Resources.ORG_USERS, errors, this::syncOrgUsers),
					resource(Resources.INVITES, errors, this::syncInvites))
			.then();
	}

	/**
	 * Marks resources as skipped; an error when the run cannot do anything useful without
	 * them.
	 */
	private Mono<Void> skip(List<String> errors, String reason, String... resources) {
		return Mono.fromRunnable(() -> {
			for (String resource : resources) {
				this.progress.of(resource).finish(SyncState.SKIPPED, this.clock.instant(), reason);
			}
			if (errors != null) {
				errors.add(reason);
			}
		});
	}

	private Mono<Void> syncUsers(Instant runStartedAt) {
		return fullListing(Resources.USERS, Resources.USERS, runStartedAt, this.clients.compliance()::listUsers,
				oneDocument(Indices.USERS, (record, now) -> WorkspaceUserDocument.from(OpenAiRecords.user(record), now),
						WorkspaceUserDocument::id));
	}

	private Mono<Void> syncGpts(Instant runStartedAt) {
		return fullListing(Resources.GPTS, Resources.GPTS, runStartedAt, this.clients.compliance()::listGpts,
				oneDocument(Indices.GPTS, (record, now) -> GptDocument.from(OpenAiRecords.gpt(record), now),
						GptDocument::id));
	}

	/**
	 * Conversations are incremental: the first page asks for those updated since the last
	 * high-water mark (less a safety margin), later pages follow {@code after} only. A
	 * conversation updated meanwhile comes again and replaces its earlier copy.
	 */
	private Mono<Void> syncConversations(Instant runStartedAt) {
		if (!this.properties.conversationSource().usesStateful()) {
			return Mono.error(new ResourceSkipped("chatwarden.sync.conversation-source is logs"));
		}
		String conversations = this.indices.alias(Indices.CONVERSATIONS);
		String messages = this.indices.alias(Indices.MESSAGES);
		RecordMapper mapper = (record, now) -> {
			ComplianceConversation conversation = OpenAiRecords.conversation(record);
			List<BulkOp> ops = new ArrayList<>();
			List<ComplianceMessage> ordered = ReadingOrder.of(conversation.messages());
			// DLP runs before anything is written: only masked previews and salted hashes
			// of matched values reach the index.
			Set<String> detectors = new TreeSet<>();
			for (int position = 0; position < ordered.size(); position++) {
				ComplianceMessage source = ordered.get(position);
				DlpResult dlp = this.dlp.scan(source.text());
				MessageDocument message = MessageDocument.from(conversation, redacted(source, dlp), position, now)
					.withDlp(dlp.matches());
				dlp.matches().forEach(match -> detectors.add(match.detector()));
				ops.add(Merges.statefulMessage(messages, message));
			}
			ops.add(0, Merges.statefulConversation(conversations,
					ConversationDocument.from(conversation, now).withDlpDetectors(List.copyOf(detectors))));
			return ops;
		};
		return this.checkpoints.load(Resources.CONVERSATIONS).flatMap(checkpoint -> {
			Instant started = checkpoint.interrupted() && checkpoint.runStartedAt() != null ? checkpoint.runStartedAt()
					: runStartedAt;
			Long since = checkpoint.interrupted() ? checkpoint.sinceTimestamp() : checkpoint.highWaterMark() == null
					? null : checkpoint.highWaterMark().minus(this.properties.safetyMargin()).getEpochSecond();
			if (checkpoint.interrupted()) {
				log.info("Resuming the conversation sync after " + checkpoint.cursor());
			}
			Function<String, Mono<ApiPage>> fetch = after -> after == null
					? this.clients.compliance().listConversations(since, null)
					: this.clients.compliance().listConversations(null, after);
			return this.loop.run(Resources.CONVERSATIONS, checkpoint, started, since, fetch, mapper)
				.flatMap(last -> this.checkpoints.save(last.completed(started, this.clock.instant())))
				.then();
		});
	}

	private static ComplianceMessage redacted(ComplianceMessage message, DlpResult dlp) {
		if (!dlp.found()) {
			return message;
		}
		return new ComplianceMessage(message.id(), message.parentId(), message.createdAt(), message.gptId(),
				message.projectId(), message.role(), message.toolName(), message.contentType(), dlp.redactedText(),
				message.citationUrls(), message.files());
	}

	private Mono<Void> syncAdminKeys(Instant runStartedAt) {
		return fullListing(Resources.ADMIN_KEYS, Resources.ADMIN_KEYS, runStartedAt,
				this.clients.admin()::listAdminKeys,
				oneDocument(Indices.ADMIN_KEYS,
						(record, now) -> AdminKeyDocument.from(OpenAiRecords.adminKey(record), now),
						AdminKeyDocument::id));
	}

	private Mono<Void> syncProjects(Instant runStartedAt) {
		return fullListing(Resources.PROJECTS, Resources.PROJECTS, runStartedAt, this.clients.admin()::listProjects,
				oneDocument(Indices.PROJECTS, (record, now) -> ProjectDocument.from(OpenAiRecords.project(record), now),
						ProjectDocument::id));
	}

	/** Keys are listed per project; each project's listing has its own checkpoint. */
	private Mono<Void> syncProjectKeys(Instant runStartedAt) {
		return this.projectIds.all()
			.concatMap(projectId -> fullListing(Resources.PROJECT_KEYS, Resources.PROJECT_KEYS + "/" + projectId,
					runStartedAt, after -> this.clients.admin().listProjectKeys(projectId, after),
					oneDocument(Indices.PROJECT_KEYS,
							(record, now) -> ProjectKeyDocument.from(OpenAiRecords.projectKey(projectId, record), now),
							ProjectKeyDocument::id)))
			.then();
	}

	private Mono<Void> syncOrgUsers(Instant runStartedAt) {
		return fullListing(Resources.ORG_USERS, Resources.ORG_USERS, runStartedAt, this.clients.admin()::listOrgUsers,
				oneDocument(Indices.ORG_USERS,
						(record, now) -> OrgUserDocument.from(OpenAiRecords.orgUser(record), now),
						OrgUserDocument::id));
	}

	private Mono<Void> syncInvites(Instant runStartedAt) {
		return fullListing(Resources.INVITES, Resources.INVITES, runStartedAt, this.clients.admin()::listInvites,
				oneDocument(Indices.INVITES, (record, now) -> InviteDocument.from(OpenAiRecords.invite(record), now),
						InviteDocument::id));
	}

	/**
	 * A small resource listed whole on every run, resuming from its cursor after an
	 * interruption.
	 */
	private Mono<Void> fullListing(String resource, String checkpointId, Instant runStartedAt,
			Function<String, Mono<ApiPage>> fetch, RecordMapper mapper) {
		return this.checkpoints.load(checkpointId).flatMap(checkpoint -> {
			Instant started = checkpoint.interrupted() && checkpoint.runStartedAt() != null ? checkpoint.runStartedAt()
					: runStartedAt;
			return this.loop.run(resource, checkpoint, started, null, fetch, mapper)
				.flatMap(last -> this.checkpoints.save(last.completed(started, this.clock.instant())))
				.then();
		});
	}

	/**
	 * A mapper for resources stored as one document per record, under the record's id.
	 */
	private <T> RecordMapper oneDocument(String logicalIndex, BiFunction<JsonNode, Instant, T> toDocument,
			Function<T, String> id) {
		String index = this.indices.alias(logicalIndex);
		return (record, now) -> {
			T document = toDocument.apply(record, now);
			return List.of(new BulkOp(index, id.apply(document), document));
		};
	}

	private String summary() {
		StringBuilder summary = new StringBuilder();
		for (ResourceProgressView view : this.progress.status().resources()) {
			if (view.state() != SyncState.SKIPPED) {
				summary.append(view.resource()).append('=').append(view.fetched()).append(' ');
			}
		}
		return summary.toString().trim();
	}

}
