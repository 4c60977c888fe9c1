package io.chatwarden.search;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import io.chatwarden.audit.AuditLog;
import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.ConversationFilter;
import io.chatwarden.system.BadRequestException;
import io.chatwarden.system.PageRequest;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** GraphQL handler of {@code searchConversations}. */
@Controller
class ConversationSearchController {

	private static final String CONVERSATIONS = "searchedConversations";

	/**
	 * Conversation fields a hit carries (its messages repeat them), and {@code messages},
	 * which needs only the id.
	 */
	static final Set<String> ON_THE_HIT = Set.of("id", "title", "userEmail", "userId", "lastActiveAt", "messages",
			"__typename");

	private final ConversationSearchGateway gateway;

	private final AuditLog audit;

	ConversationSearchController(ConversationSearchGateway gateway, AuditLog audit, BatchLoaderRegistry loaders) {
		this.gateway = gateway;
		this.audit = audit;
		loaders.<String, ConversationDocument>forName(CONVERSATIONS)
			.registerMappedBatchLoader((ids, env) -> gateway.conversations(ids));
	}

	/**
	 * The search and its audit entry are written side by side: the answer waits for both,
	 * so a search whose entry could not be stored fails, but the entry no longer waits
	 * for the search. It therefore records what was asked (text, filters, order), not how
	 * many conversations matched.
	 */
	@QueryMapping
	Mono<SearchPage> searchConversations(@Argument String query, @Argument ConversationFilter filter,
			@Argument Integer first, @Argument String after, @Argument SearchSort sort, DataFetchingEnvironment env) {
		Mono<SearchPage> search = Mono.defer(() -> this.gateway.page(new SearchSpec(query, filter, sort),
				PageRequest.of(first, after), facetSize(env), env.getSelectionSet().contains("edges/matchedMessages")));
		Mono<Boolean> audited = this.audit
			.record(AuditLog.Entry.of("search").query(query).filters(AuditedFilters.of(filter, sort)))
			.thenReturn(true);
		return Mono.zip(search, audited, (page, written) -> page);
	}

	/**
	 * The conversation of a hit: as the hit carries it when that is all the request
	 * selects (one request for the whole page), else its document, read for the whole
	 * page at once.
	 */
	@SchemaMapping(typeName = "ConversationSearchEdge")
	CompletableFuture<ConversationDocument> node(SearchPage.Edge edge, DataFetchingEnvironment env) {
		boolean onTheHit = env.getSelectionSet()
			.getImmediateFields()
			.stream()
			.allMatch(field -> ON_THE_HIT.contains(field.getName()));
		if (onTheHit) {
			return CompletableFuture.completedFuture(edge.node());
		}
		DataLoader<String, ConversationDocument> loader = env.getDataLoader(CONVERSATIONS);
		return loader.load(edge.node().id()).thenApply(found -> (found != null) ? found : edge.node());
	}

	/**
	 * Facets cost aggregations: computed in the same request, only when selected.
	 */
	private static Integer facetSize(DataFetchingEnvironment env) {
		List<SelectedField> fields = env.getSelectionSet().getFields("facets");
		if (fields.isEmpty()) {
			return null;
		}
		Object size = fields.get(0).getArguments().get("size");
		int value = (size instanceof Integer number) ? number : 10;
		if (value < 1 || value > SearchAggregations.MAX_FACET_SIZE) {
			throw new BadRequestException(
					"facets size must be between 1 and " + SearchAggregations.MAX_FACET_SIZE + ", was " + value);
		}
		return value;
	}

}
