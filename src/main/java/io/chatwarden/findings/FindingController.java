package io.chatwarden.findings;

import io.chatwarden.audit.AuditLog;
import io.chatwarden.security.Callers;
import org.springframework.security.access.prepost.PreAuthorize;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.schema.DataFetchingEnvironment;
import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the Finding and FindingType types, their queries and mutations. */
@Controller
class FindingController {

	private static final String CONVERSATIONS = "findingConversations";

	private static final String MESSAGES = "findingMessages";

	private final FindingQueries queries;

	private final FindingStore store;

	private final FindingCatalog catalog;

	private final FindingService service;

	private final AuditLog audit;

	FindingController(FindingQueries queries, FindingStore store, FindingCatalog catalog, FindingService service,
			RelatedGateway related, AuditLog audit, BatchLoaderRegistry loaders) {
		this.audit = audit;
		this.queries = queries;
		this.store = store;
		this.catalog = catalog;
		this.service = service;
		// Pivots take arguments, so they batch through keyed loaders rather than
		// @BatchMapping.
		loaders.<RelatedKey, Connection<ConversationDocument>>forName(CONVERSATIONS)
			.registerMappedBatchLoader((keys, env) -> related.conversations(keys));
		loaders.<RelatedKey, Connection<MessageDocument>>forName(MESSAGES)
			.registerMappedBatchLoader((keys, env) -> related.messages(keys));
	}

	@QueryMapping
	Mono<Connection<FindingDocument>> findings(@Argument FindingFilter filter, @Argument FindingOrder orderBy,
			@Argument Integer first, @Argument String after) {
		return this.queries.list(filter == null ? FindingFilter.NONE : filter,
				orderBy == null ? FindingOrder.SEVERITY : orderBy, PageRequest.of(first, after));
	}

	@QueryMapping
	Mono<FindingDocument> finding(@Argument String id) {
		return this.store.get(id);
	}

	@QueryMapping
	Mono<List<FindingType>> findingTypes() {
		return this.catalog.types();
	}

	@QueryMapping
	Mono<FindingCounts> findingCounts(@Argument FindingFilter filter) {
		return this.queries.counts(filter == null ? FindingFilter.NONE : filter);
	}

	@MutationMapping
	@PreAuthorize("hasRole('INVESTIGATOR')")
	Mono<FindingDocument> setFindingStatus(@Argument SetFindingStatusInput input) {
		// Who mutes is the authenticated caller, not what the request claims.
		return Callers.current()
			.map(caller -> new SetFindingStatusInput(input.id(), input.status(), input.reason(), caller.name()))
			.flatMap(this.service::setStatus)
			.flatMap(finding -> this.audit
				.record("finding.status", finding.id(), input.status() + ": " + input.reason(), null)
				.thenReturn(finding));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<FindingType> setFindingTypeSettings(@Argument SetFindingTypeSettingsInput input) {
		// Who changed it is the authenticated caller, not what the request claims.
		return Callers.current()
			.map(caller -> new SetFindingTypeSettingsInput(input.typeId(), input.severity(), input.ignored(),
					caller.name()))
			.flatMap(this.service::setTypeSettings)
			.flatMap(type -> this.audit
				.record(AuditLog.Entry.of("finding.type-settings")
					.target(input.typeId())
					.filters(java.util.Map.of("severity", String.valueOf(input.severity()), "ignored",
							String.valueOf(input.ignored()))))
				.thenReturn(type));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<Evaluation> evaluateFindings() {
		return this.audit.record(AuditLog.Entry.of("findings.evaluate")).then(this.service.evaluate());
	}

	@BatchMapping(typeName = "Finding")
	Mono<Map<FindingDocument, FindingType>> type(List<FindingDocument> findings) {
		return this.catalog.byId()
			.map(types -> findings.stream()
				.filter(finding -> types.containsKey(finding.typeId()))
				.distinct()
				.collect(Collectors.toMap(Function.identity(), finding -> types.get(finding.typeId()))));
	}

	@SchemaMapping(typeName = "Finding")
	CompletableFuture<Connection<ConversationDocument>> relatedConversations(FindingDocument finding,
			@Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
		DataLoader<RelatedKey, Connection<ConversationDocument>> loader = env.getDataLoader(CONVERSATIONS);
		return loader.load(new RelatedKey(finding, PageRequest.of(first, after)));
	}

	@SchemaMapping(typeName = "Finding")
	CompletableFuture<Connection<MessageDocument>> matchingMessages(FindingDocument finding, @Argument Integer first,
			@Argument String after, DataFetchingEnvironment env) {
		DataLoader<RelatedKey, Connection<MessageDocument>> loader = env.getDataLoader(MESSAGES);
		return loader.load(new RelatedKey(finding, PageRequest.of(first, after)));
	}

}
