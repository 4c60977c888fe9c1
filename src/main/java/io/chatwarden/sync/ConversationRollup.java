package io.chatwarden.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.BulkWriter.Merge;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Recounts the messages of conversations the logs wrote to, from the messages index, so
 * that a conversation known only from {@code CONVERSATION_MESSAGE} events (one event per
 * message) still has its message count.
 */
@Component
class ConversationRollup {

	private static final int CHUNK = 500;

	private static final String SET_COUNT = "ctx._source.messageCount = params.doc.messageCount;";

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

	Mono<Void> recount(Set<String> conversationIds) {
		if (conversationIds.isEmpty()) {
			return Mono.empty();
		}
		List<String> ids = List.copyOf(conversationIds);
		return OpenSearchCalls.mono(() -> this.client.indices().refresh(r -> r.index(this.messages)))
			.thenMany(Flux.fromIterable(chunks(ids)))
			.concatMap(this::recountChunk)
			.then();
	}

	private Mono<Void> recountChunk(List<String> ids) {
		List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
		return OpenSearchCalls.mono(() -> this.client.search(
				s -> s.index(this.messages)
					.size(0)
					.query(q -> q.terms(t -> t.field("conversationId").terms(v -> v.value(values))))
					.aggregations("conversations", a -> a.terms(t -> t.field("conversationId").size(ids.size()))),
				Void.class))
			.flatMap(response -> {
				List<BulkOp> ops = new ArrayList<>();
				for (StringTermsBucket bucket : response.aggregations()
					.get("conversations")
					.sterms()
					.buckets()
					.array()) {
					Map<String, Object> doc = Map.of("id", bucket.key(), "messageCount", bucket.docCount());
					ops.add(new BulkOp(this.conversations, bucket.key(), doc, new Merge(SET_COUNT, Map.of())));
				}
				return this.writer.write(ops);
			})
			.then();
	}

	private static List<List<String>> chunks(List<String> ids) {
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += CHUNK) {
			chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
		}
		return chunks;
	}

}
