package io.chatwarden.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;

import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.BulkWriter.Merge;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.BuiltinScriptLanguage;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregate;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Recounts the messages of conversations the logs wrote to, from the messages index, so
 * that a conversation known only from {@code CONVERSATION_MESSAGE} events (one event per
 * message) still has its message count. Done once per run, after the files were written
 * (one refresh, not one per file), for the conversations whose messages were synced since
 * a time, page by page: memory stays flat however many there are. The same pass stamps
 * each of their messages with the conversation's last activity (its newest message), so
 * that every message of a conversation sorts the same in "most recently active" order.
 */
@Component
class ConversationRollup {

	private static final Log log = LogFactory.getLog(ConversationRollup.class);

	/**
	 * Conversations per request: three query clauses each, under the default limit of
	 * 1,024.
	 */
	private static final int CHUNK = 300;

	private static final String SET_COUNT = "ctx._source.messageCount = params.doc.messageCount;";

	private static final String STAMP_LAST_ACTIVE = """
			def last = params.last[ctx._source.conversationId];
			if (last == null || last.equals(ctx._source.conversationLastActiveAt)) { ctx.op = 'noop'; }
			else { ctx._source.conversationLastActiveAt = last; }
			""";

	private final OpenSearchAsyncClient client;

	private final BulkWriter writer;

	private final String messages;

	private final String conversations;

	ConversationRollup(OpenSearchAsyncClient client, BulkWriter writer, Indices indices) {
		this.client = client;
		this.writer = writer;
		this.messages = indices.messages();
		this.conversations = indices.conversations();
	}

	/** Conversations with a message synced at or after {@code since} (null: none). */
	Mono<Void> recountSince(Instant since) {
		if (since == null) {
			return Mono.empty();
		}
		Query synced = Query.of(q -> q.range(r -> r.field("syncedAt").gte(JsonData.of(since.toString()))));
		return OpenSearchCalls.mono(() -> this.client.indices().refresh(r -> r.index(this.messages)))
			.then(touched(synced, null))
			.expand(page -> page.afterKey() == null || page.buckets().array().isEmpty() ? Mono.empty()
					: touched(synced, page.afterKey()))
			.map(page -> page.buckets().array().stream().map(b -> b.key().get("id").stringValue()).toList())
			.filter(ids -> !ids.isEmpty())
			.concatMap(ids -> recountChunk(ids).map(restamped -> new long[] { ids.size(), restamped }))
			.reduce(new long[] { 0, 0 }, (sum, chunk) -> new long[] { sum[0] + chunk[0], sum[1] + chunk[1] })
			.elapsed()
			.doOnNext(done -> log.info("Recounted " + done.getT2()[0] + " conversation(s) of the logs and restamped "
					+ done.getT2()[1] + " message(s) with their last activity in " + done.getT1() + " ms"))
			.then();
	}

	private Mono<CompositeAggregate> touched(Query synced, Map<String, FieldValue> after) {
		return OpenSearchCalls.mono(() -> this.client
			.search(s -> s.index(this.messages).size(0).query(synced).aggregations("touched", a -> a.composite(c -> {
				c.size(CHUNK)
					.sources(List.of(Map.of("id",
							CompositeAggregationSource.of(cs -> cs.terms(t -> t.field("conversationId"))))));
				return (after != null) ? c.after(after) : c;
			})), Void.class)).map(response -> response.aggregations().get("touched").composite());
	}

	/** Emits how many messages had to be restamped. */
	private Mono<Long> recountChunk(List<String> ids) {
		List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
		return OpenSearchCalls
			.mono(() -> this.client.search(s -> s.index(this.messages)
				.size(0)
				.query(q -> q.terms(t -> t.field("conversationId").terms(v -> v.value(values))))
				.aggregations("conversations",
						a -> a.terms(t -> t.field("conversationId").size(ids.size()))
							.aggregations("last", last -> last.max(m -> m.field("createdAt")))),
					Void.class))
			.flatMap(response -> {
				List<BulkOp> ops = new ArrayList<>();
				Map<String, String> lastActive = new HashMap<>();
				for (StringTermsBucket bucket : response.aggregations()
					.get("conversations")
					.sterms()
					.buckets()
					.array()) {
					Map<String, Object> doc = Map.of("id", bucket.key(), "messageCount", bucket.docCount());
					ops.add(new BulkOp(this.conversations, bucket.key(), doc, new Merge(SET_COUNT, Map.of())));
					double newest = bucket.aggregations().get("last").max().value();
					if (Double.isFinite(newest)) {
						lastActive.put(bucket.key(), Instant.ofEpochMilli((long) newest).toString());
					}
				}
				return this.writer.write(ops).then(stampLastActive(lastActive));
			});
	}

	/**
	 * Every message of these conversations carries its conversation's last activity. Only
	 * the messages that lag behind are rewritten: most were written with it already.
	 */
	private Mono<Long> stampLastActive(Map<String, String> lastActive) {
		if (lastActive.isEmpty()) {
			return Mono.just(0L);
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

}
