package io.chatwarden.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.openai.ComplianceProperties;
import io.chatwarden.openai.LogEvents;
import io.chatwarden.openai.OpenAiRecords;
import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Replays dead letters once their cause is fixed (a mapping changed, a record corrected):
 * each stored source record is mapped again as the sync maps it and written; a letter is
 * removed only when all its documents were acknowledged, and otherwise stays with the new
 * reason. The records were stored masked, so a replayed document carries the masked text
 * (DLP findings of the original are not recomputed).
 */
@Component
class DeadLetterReplay {

	private static final Log log = LogFactory.getLog(DeadLetterReplay.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Letters replayed per call at most. */
	static final int MAX = 1000;

	private final OpenSearchAsyncClient client;

	private final BulkWriter writer;

	private final Indices indices;

	private final Redaction redaction;

	private final ConversationRollup rollup;

	private final SyncProperties properties;

	private final Clock clock;

	private final String letters;

	private final String productKey;

	DeadLetterReplay(OpenSearchAsyncClient client, BulkWriter writer, Indices indices, Redaction redaction,
			ConversationRollup rollup, SyncProperties properties, Clock clock, ComplianceProperties compliance) {
		this.productKey = LogsSync.redactedId(compliance.apiKey());
		this.client = client;
		this.writer = writer;
		this.indices = indices;
		this.redaction = redaction;
		this.rollup = rollup;
		this.properties = properties;
		this.clock = clock;
		this.letters = indices.alias(Indices.DEAD_LETTERS);
	}

	/**
	 * Replays up to {@code first} letters (all resources when {@code resource} is null).
	 */
	Mono<Result> replay(String resource, int first) {
		int size = Math.max(1, Math.min(first, MAX));
		Instant started = this.clock.instant();
		Query query = (resource == null) ? Query.of((q) -> q.matchAll((m) -> m))
				: Query.of((q) -> q.term((t) -> t.field("resource").value(FieldValue.of(resource))));
		return OpenSearchCalls
			.mono(() -> this.client.search((s) -> s.index(this.letters).query(query).size(size), DeadLetter.class))
			.flatMapMany((response) -> Flux.fromIterable(response.hits().hits()))
			.publishOn(Schedulers.parallel())
			.concatMap(this::replayOne)
			.reduce(new Result(0, 0, 0), Result::plus)
			.flatMap((result) -> this.rollup.rollUpSince(started, true)
				.then(OpenSearchCalls.mono(() -> this.client.indices().refresh((r) -> r.index(this.letters))))
				.then(OpenSearchCalls.mono(() -> this.client.count((c) -> c.index(this.letters)))
					.map((count) -> new Result(result.replayed(), result.failed(), count.count()))));
	}

	private Mono<Result> replayOne(Hit<DeadLetter> hit) {
		DeadLetter letter = hit.source();
		List<BulkOp> documents;
		try {
			documents = documents(letter);
		}
		catch (RuntimeException ex) {
			return keep(hit.id(), letter, "Replay could not map the record: " + FailureLog.reason(ex));
		}
		return this.writer.write(documents).flatMap((result) -> {
			if (!result.failures().isEmpty()) {
				return keep(hit.id(), letter, "Replay was rejected: " + result.failures().get(0).reason());
			}
			log.info("Replayed the dead-lettered " + letter.resource() + " record "
					+ ((letter.sourceId() != null) ? letter.sourceId() : hit.id()));
			return OpenSearchCalls.mono(() -> this.client.delete((d) -> d.index(this.letters).id(hit.id())))
				.thenReturn(new Result(1, 0, 0));
		});
	}

	private Mono<Result> keep(String id, DeadLetter letter, String reason) {
		DeadLetter kept = new DeadLetter(letter.resource(), letter.sourceId(), reason, letter.payload(), letter.at(),
				letter.position());
		return OpenSearchCalls.mono(() -> this.client.index((i) -> i.index(this.letters).id(id).document(kept)))
			.thenReturn(new Result(0, 1, 0));
	}

	/** The documents a stored record maps to, as the sync maps it. */
	private List<BulkOp> documents(DeadLetter letter) {
		if (letter.payload() == null) {
			throw new IllegalArgumentException("the letter holds no record");
		}
		Instant now = this.clock.instant();
		if (letter.position() != null && letter.position().endsWith(LogsSync.WHOLE_FILE)) {
			throw new IllegalArgumentException("a whole log file (its digest never matched) is not replayed here;"
					+ " its payload names the file to fetch again");
		}
		if (Resources.LOGS.equals(letter.resource())) {
			return logLine(letter.payload(), now);
		}
		JsonNode record = json.readTree(letter.payload());
		return switch (letter.resource()) {
			case Resources.USERS -> {
				var user = Documents.user(OpenAiRecords.user(record), now);
				yield one(Indices.USERS, user.id(), user);
			}
			case Resources.GPTS -> {
				var gpt = Documents.gpt(OpenAiRecords.gpt(record), this.redaction, now);
				yield one(Indices.GPTS, gpt.id(), gpt);
			}
			case Resources.CONVERSATIONS -> conversation(record, now);
			case Resources.ADMIN_KEYS -> {
				var key = Documents.adminKey(OpenAiRecords.adminKey(record), now);
				yield one(Indices.ADMIN_KEYS, key.id(), key);
			}
			case Resources.PROJECTS -> {
				var project = Documents.project(OpenAiRecords.project(record), now);
				yield one(Indices.PROJECTS, project.id(), project);
			}
			case Resources.PROJECT_KEYS -> {
				var key = Documents.projectKey(OpenAiRecords.projectKey(projectId(letter), record), now);
				yield one(Indices.PROJECT_KEYS, key.id(), key);
			}
			case Resources.ORG_USERS -> {
				var user = Documents.orgUser(OpenAiRecords.orgUser(record), now);
				yield one(Indices.ORG_USERS, user.id(), user);
			}
			case Resources.INVITES -> {
				var invite = Documents.invite(OpenAiRecords.invite(record), now);
				yield one(Indices.INVITES, invite.id(), invite);
			}
			default -> throw new IllegalArgumentException("no replay for resource " + letter.resource());
		};
	}

	private List<BulkOp> one(String logicalIndex, String id, Object document) {
		return List.of(new BulkOp(this.indices.alias(logicalIndex), id, document));
	}

	/** Merged as the sync merges it unless only the stateful API is used. */
	private List<BulkOp> conversation(JsonNode record, Instant now) {
		Documents.Conversation c = Documents.conversation(OpenAiRecords.conversation(record), this.redaction, now);
		boolean merge = this.properties.conversationSource() != ConversationSource.STATEFUL;
		String conversations = this.indices.conversations();
		String messages = this.indices.messages();
		List<BulkOp> ops = new ArrayList<>();
		ops.add(merge ? Merges.statefulConversation(conversations, c.conversation())
				: new BulkOp(conversations, c.conversation().id(), c.conversation()));
		for (MessageDocument message : c.messages()) {
			ops.add(merge ? Merges.statefulMessage(messages, message) : new BulkOp(messages, message.id(), message));
		}
		return ops;
	}

	/**
	 * A log line: a message (merged; its conversation is rebuilt by the rollup) or an
	 * event. A whole file that failed its digest is not a line: it is read again by the
	 * next run's listing, not here.
	 */
	private List<BulkOp> logLine(String line, Instant now) {
		JsonNode node = LogEvents.parse(line);
		if (LogEvents.CONVERSATION_MESSAGE.equals(node.path("type").asString(null))) {
			var event = LogEvents.conversationMessage(node);
			MessageDocument message = Documents.message(event, this.redaction, now);
			return List.of(Merges.logMessage(this.indices.messages(), message));
		}
		var event = Documents.event(LogEvents.event(node), this.redaction, this.productKey, now);
		return List.of(new BulkOp(this.indices.alias(Indices.EVENTS), event.eventId(), event));
	}

	/** {@code project-keys/<project> page ...}: the project a key was listed under. */
	private static String projectId(DeadLetter letter) {
		String position = (letter.position() != null) ? letter.position() : "";
		String prefix = Resources.PROJECT_KEYS + "/";
		if (!position.startsWith(prefix)) {
			throw new IllegalArgumentException("the letter does not say which project the key was listed under");
		}
		int end = position.indexOf(' ', prefix.length());
		return position.substring(prefix.length(), (end < 0) ? position.length() : end);
	}

	/** What a replay did, and how many letters remain. */
	record Result(int replayed, int failed, long remaining) {

		Result plus(Result other) {
			return new Result(this.replayed + other.replayed, this.failed + other.failed, 0);
		}

	}

}
