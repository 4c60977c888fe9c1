package io.chatwarden.directory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import graphql.schema.DataFetchingEnvironment;
import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.ConversationGateway;
import io.chatwarden.store.Indices;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.dataloader.DataLoader;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the WorkspaceUser type and its queries. */
@Controller
class WorkspaceUserController {

	private static final String USER_CONVERSATIONS = "userConversations";

	private final DirectoryGateway gateway;

	WorkspaceUserController(DirectoryGateway gateway, ConversationGateway conversations, BatchLoaderRegistry loaders) {
		this.gateway = gateway;
		loaders.<UserConversationsKey, Connection<ConversationDocument>>forName(USER_CONVERSATIONS)
			.registerMappedBatchLoader((keys, env) -> conversations.listEach(
					keys.stream().collect(Collectors.toMap(key -> key, UserConversationsKey::query)),
					UserConversationsKey::page));
	}

	@QueryMapping
	Mono<Connection<WorkspaceUserDocument>> users(@Argument DirectoryFilters.WorkspaceUserFilter filter,
			@Argument Integer first, @Argument String after) {
		return this.gateway.page(Indices.USERS, DirectoryFilters.WorkspaceUserFilter.of(filter),
				DirectoryGateway.by("email", SortOrder.Asc), PageRequest.of(first, after), WorkspaceUserDocument.class);
	}

	@QueryMapping
	Mono<WorkspaceUserDocument> user(@Argument String id) {
		return this.gateway.user(id);
	}

	@BatchMapping(typeName = "WorkspaceUser")
	Mono<Map<WorkspaceUserDocument, Integer>> conversationCount(List<WorkspaceUserDocument> users) {
		return activity(users).map(activity -> users.stream()
			.distinct()
			.collect(Collectors.toMap(user -> user, user -> (int) activity.get(user).conversationCount())));
	}

	@BatchMapping(typeName = "WorkspaceUser")
	Mono<Map<WorkspaceUserDocument, Instant>> lastActiveAt(List<WorkspaceUserDocument> users) {
		// Users without conversations have no last activity: absent from the map, so
		// null.
		return activity(users).map(activity -> users.stream()
			.distinct()
			.filter(user -> activity.get(user).lastActiveAt() != null)
			.collect(Collectors.toMap(user -> user, user -> activity.get(user).lastActiveAt())));
	}

	private Mono<Map<WorkspaceUserDocument, UserActivity>> activity(List<WorkspaceUserDocument> users) {
		return this.gateway.activity(users.stream().map(WorkspaceUserDocument::id).distinct().toList())
			.map(byId -> users.stream()
				.distinct()
				.collect(Collectors.toMap(user -> user, user -> byId.getOrDefault(user.id(), UserActivity.NONE))));
	}

	@SchemaMapping(typeName = "WorkspaceUser")
	CompletableFuture<Connection<ConversationDocument>> conversations(WorkspaceUserDocument user,
			@Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
		DataLoader<UserConversationsKey, Connection<ConversationDocument>> loader = env
			.getDataLoader(USER_CONVERSATIONS);
		return loader.load(new UserConversationsKey(user.id(), PageRequest.of(first, after)));
	}

	/** A page of one user's conversations: the key of the batched loader. */
	record UserConversationsKey(String userId, PageRequest page) {

		Query query() {
			return Query.of(q -> q.term(t -> t.field("userId").value(FieldValue.of(this.userId))));
		}

	}

}
