package io.chatwarden.conversation;

import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the Conversation type and its queries. */
@Controller
class ConversationController {

	private static final String MESSAGE_PAGES = "messagePages";

	private static final String RELATED = "relatedConversations";

	private final ConversationGateway gateway;

	ConversationController(ConversationGateway gateway, BatchLoaderRegistry loaders) {
		this.gateway = gateway;
		// Message pages take arguments, so they batch through a keyed loader rather than
		// @BatchMapping.
		loaders.<MessagePageKey, Connection<MessageDocument>>forName(MESSAGE_PAGES)
			.registerMappedBatchLoader((keys, env) -> gateway.messagePages(keys));
		loaders.<RelatedKey, Connection<ConversationDocument>>forName(RELATED)
			.registerMappedBatchLoader(
					(keys, env) -> gateway.listEach(
							keys.stream()
								.collect(java.util.stream.Collectors.toMap(key -> key,
										key -> RelatedConversations.query(key.conversation(), key.days()))),
							RelatedKey::page));
	}

	@QueryMapping
	Mono<Connection<ConversationDocument>> conversations(@Argument ConversationFilter filter, @Argument Integer first,
			@Argument String after) {
		PageRequest page = PageRequest.of(first, after);
		return this.gateway.list(filter == null ? ConversationFilter.NONE : filter, page);
	}

	@QueryMapping
	Mono<ConversationDocument> conversation(@Argument String id) {
		return this.gateway.byId(id);
	}

	@SchemaMapping(typeName = "Conversation")
	CompletableFuture<Connection<MessageDocument>> messages(ConversationDocument conversation, @Argument Integer first,
			@Argument String after, DataFetchingEnvironment env) {
		DataLoader<MessagePageKey, Connection<MessageDocument>> loader = env.getDataLoader(MESSAGE_PAGES);
		return loader.load(new MessagePageKey(conversation.id(), PageRequest.of(first, after)));
	}

	@SchemaMapping(typeName = "Conversation")
	java.util.List<String> dlpDetectors(ConversationDocument conversation) {
		return (conversation.dlpDetectors() == null) ? java.util.List.of() : conversation.dlpDetectors();
	}

	@SchemaMapping(typeName = "Conversation")
	CompletableFuture<Connection<ConversationDocument>> relatedConversations(ConversationDocument conversation,
			@Argument Integer days, @Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
		DataLoader<RelatedKey, Connection<ConversationDocument>> loader = env.getDataLoader(RELATED);
		return loader.load(new RelatedKey(conversation, RelatedConversations.days(days), PageRequest.of(first, after)));
	}

}
