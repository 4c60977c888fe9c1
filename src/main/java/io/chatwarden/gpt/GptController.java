package io.chatwarden.gpt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import graphql.schema.DataFetchingEnvironment;
import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.ConversationFilter;
import io.chatwarden.conversation.ConversationGateway;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.dataloader.DataLoader;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the Gpt type and its queries. */
@Controller
class GptController {

	private static final String GPT_CONVERSATIONS = "gptConversations";

	private final GptGateway gateway;

	GptController(GptGateway gateway, ConversationGateway conversations, BatchLoaderRegistry loaders) {
		this.gateway = gateway;
		// One _msearch for every GPT's page of conversations in the response.
		loaders.<GptConversationsKey, Connection<ConversationDocument>>forName(GPT_CONVERSATIONS)
			.registerMappedBatchLoader((keys, env) -> conversations.listEach(
					keys.stream().collect(Collectors.toMap(key -> key, GptController::usedGpt)),
					GptConversationsKey::page));
	}

	private static Query usedGpt(GptConversationsKey key) {
		List<Query> clauses = new ConversationFilter(null, List.of(key.gptId()), null, null).conversationClauses();
		return Query.of(q -> q.bool(b -> b.filter(clauses)));
	}

	@QueryMapping
	Mono<Connection<GptDocument>> gpts(@Argument GptFilter filter, @Argument Integer first, @Argument String after) {
		return this.gateway.list((filter == null) ? GptFilter.NONE : filter, PageRequest.of(first, after));
	}

	@QueryMapping
	Mono<GptDocument> gpt(@Argument String id) {
		return this.gateway.byId(id);
	}

	@SchemaMapping(typeName = "Gpt")
	CompletableFuture<Connection<ConversationDocument>> conversations(GptDocument gpt, @Argument Integer first,
			@Argument String after, DataFetchingEnvironment env) {
		DataLoader<GptConversationsKey, Connection<ConversationDocument>> loader = env.getDataLoader(GPT_CONVERSATIONS);
		return loader.load(new GptConversationsKey(gpt.id(), PageRequest.of(first, after)));
	}

	@BatchMapping(typeName = "Gpt")
	Mono<Map<GptDocument, Integer>> conversationCount(List<GptDocument> gpts) {
		return this.gateway.conversationCounts(gpts.stream().map(GptDocument::id).distinct().toList())
			.map(counts -> gpts.stream()
				.distinct()
				.collect(Collectors.toMap(gpt -> gpt, gpt -> counts.getOrDefault(gpt.id(), 0L).intValue())));
	}

	/** A page of one GPT's conversations: the key of the batched loader. */
	record GptConversationsKey(String gptId, PageRequest page) {
	}

}
