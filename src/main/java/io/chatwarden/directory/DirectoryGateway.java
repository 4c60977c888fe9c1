package io.chatwarden.directory;

import java.util.List;

import io.chatwarden.store.Indices;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Reads workspace users (and, with the inventory, keys and invites) from OpenSearch. */
@Component
class DirectoryGateway {

	private static final List<SortOptions> BY_EMAIL = List.of(
			SortOptions.of(s -> s.field(f -> f.field("email").order(SortOrder.Asc).missing(FieldValue.of("_last")))),
			SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));

	private final SearchPages pages;

	private final Indices indices;

	DirectoryGateway(SearchPages pages, Indices indices) {
		this.pages = pages;
		this.indices = indices;
	}

	Mono<Connection<WorkspaceUserDocument>> users(PageRequest page) {
		return this.pages.page(this.indices.users(), Query.of(q -> q.matchAll(m -> m)), BY_EMAIL, page,
				WorkspaceUserDocument.class);
	}

}
