package io.chatwarden.audit;

import java.util.ArrayList;
import java.util.List;

import io.chatwarden.store.Indices;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the audit log (ADMIN only). */
@Controller
class AuditController {

	private static final List<SortOptions> NEWEST_FIRST = List.of(
			SortOptions.of(s -> s.field(f -> f.field("at").order(SortOrder.Desc))),
			SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Desc))));

	private final SearchPages pages;

	private final String index;

	private final AuditVerifier verifier;

	private final AuditLog audit;

	AuditController(SearchPages pages, Indices indices, AuditVerifier verifier, AuditLog audit) {
		this.pages = pages;
		this.index = indices.alias(AuditLog.INDEX);
		this.verifier = verifier;
		this.audit = audit;
	}

	/** Checks the hash chains of the whole log; the check itself is audited. */
	@QueryMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<AuditVerification> verifyAuditLog() {
		return this.verifier.verify()
			.flatMap(result -> this.audit
				.record(AuditLog.Entry.of("audit.verify")
					.resultCount(result.entries())
					.outcome(result.intact() ? null : "broken: " + result.problems().size() + " problems"))
				.thenReturn(result));
	}

	@QueryMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<Connection<AuditEvent>> auditLog(@Argument AuditFilter filter, @Argument Integer first,
			@Argument String after) {
		PageRequest page = PageRequest.of(first, after);
		List<Query> clauses = new ArrayList<>();
		if (filter != null) {
			if (filter.actor() != null) {
				clauses.add(Query.of(q -> q.term(t -> t.field("actor").value(FieldValue.of(filter.actor())))));
			}
			if (filter.action() != null) {
				clauses.add(Query.of(q -> q.term(t -> t.field("action").value(FieldValue.of(filter.action())))));
			}
			if (filter.from() != null) {
				clauses.add(Query.of(q -> q.range(r -> r.field("at").gte(JsonData.of(filter.from().toString())))));
			}
			if (filter.to() != null) {
				clauses.add(Query.of(q -> q.range(r -> r.field("at").lte(JsonData.of(filter.to().toString())))));
			}
		}
		return this.pages.page(this.index, Query.of(q -> q.bool(b -> b.filter(clauses))), NEWEST_FIRST, page,
				AuditEvent.class);
	}

}
