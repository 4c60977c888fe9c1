package io.chatwarden.search;

import io.chatwarden.audit.AuditLog;

import java.util.List;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import io.chatwarden.conversation.ConversationFilter;
import io.chatwarden.system.BadRequestException;
import io.chatwarden.system.PageRequest;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL handler of {@code searchConversations}. */
@Controller
class ConversationSearchController {

	private final ConversationSearchGateway gateway;

	private final AuditLog audit;

	ConversationSearchController(ConversationSearchGateway gateway, AuditLog audit) {
		this.gateway = gateway;
		this.audit = audit;
	}

	@QueryMapping
	Mono<SearchPage> searchConversations(@Argument String query, @Argument ConversationFilter filter,
			@Argument Integer first, @Argument String after, @Argument SearchSort sort, DataFetchingEnvironment env) {
		return Mono
			.defer(() -> this.gateway.page(new SearchSpec(query, filter, sort), PageRequest.of(first, after),
					facetSize(env)))
			.flatMap(page -> this.audit
				.record(AuditLog.Entry.of("search")
					.query(query)
					.filters(AuditedFilters.of(filter, sort))
					.resultCount(page.totalCount()))
				.thenReturn(page));
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
