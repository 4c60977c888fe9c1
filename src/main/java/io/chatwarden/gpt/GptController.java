package io.chatwarden.gpt;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.ConversationFilter;
import io.chatwarden.conversation.ConversationGateway;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.dataloader.DataLoader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
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
		loaders.<GptConversationsKey, Connection<ConversationDocument>>forName(GPT_CONVERSATIONS)
			.registerMappedBatchLoader((keys, env) -> Flux.fromIterable(keys)
				.flatMap(key -> conversations
					.list(new ConversationFilter(null, List.of(key.gptId()), null, null), key.page())
					.map(page -> java.util.Map.entry(key, page)), 4)
				.collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
	}

	@QueryMapping
	Mono<Connection<GptDocument>> gpts(@Argument Integer first, @Argument String after) {
		return this.gateway.list(PageRequest.of(first, after));
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

	/** A page of one GPT's conversations: the key of the batched loader. */
	record GptConversationsKey(String gptId, PageRequest page) {
	}

}
