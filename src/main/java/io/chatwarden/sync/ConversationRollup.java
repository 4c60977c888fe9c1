package io.chatwarden.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.BuiltinScriptLanguage;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregate;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Builds the conversation documents of the logs from their messages, once per run, for
 * the conversations whose messages were synced since a time, page by page (memory stays
 * flat however many there are). The logs have no conversation record, only one event per
 * message: a conversation's count, unions and last activity come from aggregations over
 * all its messages, and its header (user, title, flags) from its newest message. Each
 * conversation is then written whole, a plain index with no read of the stored one,
 * unless the stateful API also writes conversations (then merged). The same pass stamps
 * each of their messages with the conversation's last activity, so that every message of
 * a conversation sorts the same in "most recently active" order. Conversations a run
 * could build from the messages in hand ({@link RunConversations}) are skipped: this
 * class also says which conversations are stored, and how a document is made of what its
 * messages say, for both.
 */
@Component
class ConversationRollup {

	private static final Log log = LogFactory.getLog(ConversationRollup.class);

	/** Conversations per aggregation request. */
	private static final int CHUNK = 1000;

	/**
	 * Conversations per page of the listing of those touched: each page reads every
	 * synced message again, so pages are large (ten aggregation requests' worth).
	 */
	private static final int TOUCHED_PAGE = 10 * CHUNK;

	/**
	 * Conversations per restamp request: three query clauses each, under the default
	 * limit of 1,024.
	 */
	private static final int RESTAMP = 300;

	/** Distinct values kept per list field of a conversation. */
	private static final int VALUES = 100;

	/** The list fields of a conversation and the message field each is the union of. */
	static final Map<String, Union> UNIONS = Map.of("gptIds", new Union("gptId", (m) -> one(m.gptId())), "projectIds",
			new Union("projectId", (m) -> one(m.projectId())), "tools", new Union("toolName", (m) -> one(m.toolName())),
			"dlpDetectors", new Union("dlpDetectors", (m) -> all(m.dlpDetectors())), "models",
			new Union("model", (m) -> one(m.model())), "toolsUsed", new Union("toolsUsed", (m) -> all(m.toolsUsed())),
			"clientTypes", new Union("clientType", (m) -> one(m.clientType())));

	/**
	 * Read from the newest message: dates whole (aggregations would cut them to millis).
	 */
	private static final List<String> HEADER = List.of("conversationId", "userId", "userEmail", "conversationTitle",
			"pinned", "temporary", "createdAt", "conversationCreatedAt");

	/**
	 * Distinct values of one list field over a chunk's conversations: every value, as
	 * long as a thousand conversations hold fewer than this between them.
	 */
	private static final int UNION_VALUES = 10 * CHUNK;

	private static final String STAMP_LAST_ACTIVE = """
			def last = params.last[ctx._source.conversationId];
			if (last == null || last.equals(ctx._source.conversationLastActiveAt)) { ctx.op = 'noop'; }
			else { ctx._source.conversationLastActiveAt = last; }
			""";

	private final OpenSearchAsyncClient client;

	private final BulkWriter writer;

	private final Clock clock;

	private final String messages;

	private final String conversations;

	ConversationRollup(OpenSearchAsyncClient client, BulkWriter writer, Indices indices, Clock clock) {
		this.client = client;
		this.writer = writer;
		this.clock = clock;
		this.messages = indices.messages();
		this.conversations = indices.conversations();
	}

	/**
	 * Conversations with a message synced at or after {@code since} (null: none).
	 * @param merge whether the stateful API writes the same conversations (then their
	 * documents are merged into the stored ones, not replaced)
	 */
	Mono<Void> rollUpSince(Instant since, boolean merge) {
		return rollUpSince(since, merge, (id) -> false);
	}

	/**
	 * As {@link #rollUpSince(Instant, boolean)}, but for conversations already built
	 * (from the messages as they were written: {@link RunConversations}).
	 */
	Mono<Void> rollUpSince(Instant since, boolean merge, Predicate<String> built) {
		if (since == null) {
			return Mono.empty();
		}
		Query synced = Query.of(q -> q.range(r -> r.field("syncedAt").gte(JsonData.of(since.toString()))));
		return OpenSearchCalls.mono(() -> this.client.indices().refresh(r -> r.index(this.messages)))
			.then(touched(synced, null))
			.expand(page -> page.afterKey() == null || page.buckets().array().isEmpty() ? Mono.empty()
					: touched(synced, page.afterKey()))
			.map(page -> page.buckets().array().stream().map(b -> b.key().get("id").stringValue()).toList())
			.flatMapIterable(ids -> ids, 1)
			.filter(id -> !built.test(id))
			.buffer(CHUNK)
			// Two at a time: one aggregates while the other writes.
			.flatMap(ids -> rollUp(ids, merge).map(restamped -> new long[] { ids.size(), restamped }), 2)
			.reduce(new long[] { 0, 0 }, (sum, chunk) -> new long[] { sum[0] + chunk[0], sum[1] + chunk[1] })
			.elapsed()
			.doOnNext(done -> log
				.info("Built " + done.getT2()[0] + " conversation(s) of the logs from the store and restamped "
						+ done.getT2()[1] + " message(s) with their last activity in " + done.getT1() + " ms"))
			.then();
	}

	/**
	 * Those of these conversations that have a stored document (all of them when the
	 * store cannot say, so that none is built from a part of its messages).
	 */
	Mono<Set<String>> stored(Set<String> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Set.of());
		}
		return OpenSearchCalls
			.mono(() -> this.client.mget(
					m -> m.index(this.conversations).ids(List.copyOf(ids)).source(src -> src.fetch(false)), Void.class))
			.map(response -> {
				Set<String> found = new HashSet<>();
				for (var doc : response.docs()) {
					if (!doc.isResult()) {
						return ids;
					}
					if (doc.result().found()) {
						found.add(doc.result().id());
					}
				}
				return found;
			})
			.onErrorResume(ex -> {
				log.warn("Could not look up conversations (" + ex.getMessage() + "): the rollup builds them");
				return Mono.just(ids);
			});
	}

	private Mono<CompositeAggregate> touched(Query synced, Map<String, FieldValue> after) {
		return OpenSearchCalls.mono(() -> this.client
			.search(s -> s.index(this.messages).size(0).query(synced).aggregations("touched", a -> a.composite(c -> {
				c.size(TOUCHED_PAGE)
					.sources(List.of(Map.of("id",
							CompositeAggregationSource.of(cs -> cs.terms(t -> t.field("conversationId"))))));
				return (after != null) ? c.after(after) : c;
			})), Void.class)).map(response -> response.aggregations().get("touched").composite());
	}

	/** Writes these conversations; emits how many messages had to be restamped. */
	private Mono<Long> rollUp(List<String> ids, boolean merge) {
		List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
		Query theirs = Query.of(q -> q.terms(t -> t.field("conversationId").terms(v -> v.value(values))));
		// Two requests side by side, each cheap for the node: per conversation a few
		// metrics, the unions as value -> conversations (terms under each of a thousand
		// conversation buckets cost the node more than the rest together), and the
		// newest message of each through a collapsed search instead of top_hits.
		Mono<SearchResponse<Void>> metrics = OpenSearchCalls.mono(() -> this.client.search(
				s -> s.index(this.messages).size(0).query(theirs).aggregations(aggregations(ids.size())), Void.class));
		Mono<SearchResponse<JsonData>> newest = OpenSearchCalls
			.mono(() -> this.client.search(s -> s.index(this.messages)
				.size(ids.size())
				.trackTotalHits(t -> t.enabled(false))
				.query(theirs)
				.collapse(c -> c.field("conversationId"))
				.sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Desc)))
				.source(src -> src.filter(f -> f.includes(HEADER))), JsonData.class));
		return Mono.zip(metrics, newest).flatMap(both -> {
			Instant now = this.clock.instant();
			Map<String, Header> headers = headers(both.getT2());
			Map<String, Map<String, List<String>>> unions = unions(both.getT1().aggregations());
			List<BulkOp> ops = new ArrayList<>();
			Map<String, String> lastActive = new HashMap<>();
			for (StringTermsBucket bucket : both.getT1()
				.aggregations()
				.get("conversations")
				.sterms()
				.buckets()
				.array()) {
				ConversationDocument conversation = conversation(bucket,
						headers.getOrDefault(bucket.key(), Header.NONE), unions, now);
				ops.add(merge ? Merges.logConversation(this.conversations, conversation)
						: new BulkOp(this.conversations, conversation.id(), conversation));
				if (stale(bucket, conversation.lastActiveAt())) {
					lastActive.put(conversation.id(), conversation.lastActiveAt().toString());
				}
			}
			return this.writer.write(ops).flatMap(result -> {
				if (!result.failures().isEmpty()) {
					return Mono.error(new IllegalStateException(
							"Could not write conversations: " + result.failures().get(0).reason()));
				}
				return stampLastActive(lastActive);
			});
		});
	}

	private static Map<String, Aggregation> aggregations(int conversations) {
		Map<String, Aggregation> perConversation = new HashMap<>();
		perConversation.put("first", Aggregation.of(a -> a.min(m -> m.field("createdAt"))));
		perConversation.put("stamped", Aggregation.of(a -> a.min(m -> m.field("conversationLastActiveAt"))));
		perConversation.put("stamps", Aggregation.of(a -> a.valueCount(v -> v.field("conversationLastActiveAt"))));
		perConversation.put("files", Aggregation.of(a -> a.valueCount(v -> v.field("files.id"))));
		Map<String, Aggregation> aggregations = new HashMap<>();
		aggregations.put("conversations", Aggregation
			.of(a -> a.terms(t -> t.field("conversationId").size(conversations)).aggregations(perConversation)));
		UNIONS.forEach((name, union) -> aggregations.put(name,
				Aggregation.of(a -> a.terms(t -> t.field(union.field()).size(UNION_VALUES))
					.aggregations("in", in -> in.terms(t -> t.field("conversationId").size(conversations))))));
		return aggregations;
	}

	/**
	 * Per list field, each conversation's values, {@link #ranked} from the value ->
	 * conversations buckets.
	 */
	private static Map<String, Map<String, List<String>>> unions(Map<String, Aggregate> aggregations) {
		Map<String, Map<String, List<String>>> unions = new HashMap<>();
		UNIONS.keySet().forEach(name -> {
			Map<String, Map<String, Long>> counted = new HashMap<>();
			for (StringTermsBucket value : aggregations.get(name).sterms().buckets().array()) {
				for (StringTermsBucket conversation : value.aggregations().get("in").sterms().buckets().array()) {
					counted.computeIfAbsent(conversation.key(), id -> new HashMap<>())
						.put(value.key(), conversation.docCount());
				}
			}
			Map<String, List<String>> byConversation = new HashMap<>();
			counted.forEach((id, values) -> byConversation.put(id, ranked(values)));
			unions.put(name, byConversation);
		});
		return unions;
	}

	/**
	 * A conversation's values of a list field, from how many of its messages hold each:
	 * the {@link #VALUES} most frequent (ties by value), sorted, as a terms aggregation
	 * per conversation would give them.
	 */
	static List<String> ranked(Map<String, Long> messagesPerValue) {
		return messagesPerValue.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(VALUES)
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
	}

	private static Map<String, Header> headers(SearchResponse<JsonData> newest) {
		Map<String, Header> headers = new HashMap<>();
		for (Hit<JsonData> hit : newest.hits().hits()) {
			if (hit.source() != null && hit.source().toJson() instanceof JsonObject json
					&& string(json, "conversationId") != null) {
				headers.put(string(json, "conversationId"), header(json));
			}
		}
		return headers;
	}

	private static ConversationDocument conversation(StringTermsBucket bucket, Header header,
			Map<String, Map<String, List<String>>> unions, Instant now) {
		Map<String, Aggregate> of = bucket.aggregations();
		String id = bucket.key();
		Instant started = (header.conversationCreatedAt() != null) ? header.conversationCreatedAt()
				: instant(of.get("first").min().value());
		return document(id, header, started, (int) bucket.docCount(),
				name -> unions.get(name).getOrDefault(id, List.of()), count(of.get("files").valueCount().value()), now);
	}

	/**
	 * A conversation of the logs from what its messages say.
	 * @param header what its newest message says
	 * @param union a list field's values ({@link #ranked}) by its name in {@link #UNIONS}
	 * @param files how many file ids its messages hold
	 */
	static ConversationDocument document(String id, Header header, Instant started, int messages,
			Function<String, List<String>> union, int files, Instant now) {
		return new ConversationDocument(id, null, header.userId(), header.userEmail(), header.conversationTitle(),
				started, header.createdAt(), messages, union.apply("gptIds"), union.apply("projectIds"),
				union.apply("tools"), files, union.apply("dlpDetectors"), now, header.pinned(), header.temporary(),
				orNull(union.apply("models")), orNull(union.apply("toolsUsed")), orNull(union.apply("clientTypes")));
	}

	private static List<String> orNull(List<String> values) {
		return values.isEmpty() ? null : values;
	}

	/**
	 * Whether a message of the conversation carries an older last activity than its
	 * newest message's time (batches stamp what they know; most knew it all).
	 */
	private static boolean stale(StringTermsBucket bucket, Instant lastActive) {
		Instant oldestStamp = instant(bucket.aggregations().get("stamped").min().value());
		boolean unstamped = count(bucket.aggregations().get("stamps").valueCount().value()) < bucket.docCount();
		return lastActive != null
				&& (unstamped || oldestStamp == null || oldestStamp.toEpochMilli() < lastActive.toEpochMilli());
	}

	/**
	 * Read from the hit's JSON as it is (binding it to a record cost more than the rest).
	 */
	private static Header header(JsonObject json) {
		return new Header(string(json, "userId"), string(json, "userEmail"), string(json, "conversationTitle"),
				flag(json, "pinned"), flag(json, "temporary"), time(json, "createdAt"),
				time(json, "conversationCreatedAt"));
	}

	private static String string(JsonObject json, String field) {
		return (json.get(field) instanceof JsonString value) ? value.getString() : null;
	}

	private static Boolean flag(JsonObject json, String field) {
		JsonValue value = json.get(field);
		return (value == JsonValue.TRUE) ? Boolean.TRUE : (value == JsonValue.FALSE) ? Boolean.FALSE : null;
	}

	private static Instant time(JsonObject json, String field) {
		String value = string(json, field);
		return (value != null) ? Instant.parse(value) : null;
	}

	/** Null, or not finite, where no message had a value. */
	private static Instant instant(Double millis) {
		return (millis != null && Double.isFinite(millis)) ? Instant.ofEpochMilli(millis.longValue()) : null;
	}

	private static int count(Double value) {
		return (value != null && Double.isFinite(value)) ? value.intValue() : 0;
	}

	/**
	 * Every message of these conversations carries its conversation's last activity. Only
	 * the messages that lag behind are rewritten: most were written with it already.
	 */
	private Mono<Long> stampLastActive(Map<String, String> lastActive) {
		if (lastActive.isEmpty()) {
			return Mono.just(0L);
		}
		if (lastActive.size() > RESTAMP) {
			List<Map<String, String>> groups = new ArrayList<>();
			lastActive.forEach((id, last) -> {
				if (groups.isEmpty() || groups.get(groups.size() - 1).size() == RESTAMP) {
					groups.add(new HashMap<>());
				}
				groups.get(groups.size() - 1).put(id, last);
			});
			return Flux.fromIterable(groups).concatMap(this::stampLastActive).reduce(0L, Long::sum);
		}
		List<Query> stale = new ArrayList<>();
		lastActive
			.forEach((id,
					last) -> stale.add(Query.of(q -> q.bool(b -> b
						.filter(f -> f.term(t -> t.field("conversationId").value(FieldValue.of(id))))
						.mustNot(n -> n.term(t -> t.field("conversationLastActiveAt").value(FieldValue.of(last))))))));
		return OpenSearchCalls
			.mono(() -> this.client.updateByQuery(u -> u.index(this.messages)
				.conflicts(Conflicts.Proceed)
				.query(q -> q.bool(b -> b.should(stale).minimumShouldMatch("1")))
				.script(s -> s.inline(i -> i.lang(l -> l.builtin(BuiltinScriptLanguage.Painless))
					.source(STAMP_LAST_ACTIVE)
					.params("last", JsonData.of(lastActive))))))
			.map(response -> (response.updated() != null) ? response.updated() : 0L);
	}

	private static List<String> one(String value) {
		return (value != null) ? List.of(value) : List.of();
	}

	private static List<String> all(List<String> values) {
		return (values != null) ? values : List.of();
	}

	/**
	 * A list field of a conversation: the message field it is the union of, and that
	 * field's values in a message.
	 */
	record Union(String field, Function<MessageDocument, List<String>> values) {
	}

	/**
	 * What a conversation's newest message says of it; its time is the conversation's
	 * last activity.
	 */
	record Header(String userId, String userEmail, String conversationTitle, Boolean pinned, Boolean temporary,
			Instant createdAt, Instant conversationCreatedAt) {

		static final Header NONE = new Header(null, null, null, null, null, null, null);

	}

}
