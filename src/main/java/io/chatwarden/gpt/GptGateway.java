package io.chatwarden.gpt;

import java.util.List;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Reads GPTs from OpenSearch. */
@Component
public class GptGateway {

	private static final List<SortOptions> BY_NAME = List.of(
			SortOptions.of(s -> s.field(f -> f.field("name.raw").order(SortOrder.Asc).missing(FieldValue.of("_last")))),
			SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));

	private final OpenSearchAsyncClient client;

	private final SearchPages pages;

	private final Indices indices;

	GptGateway(OpenSearchAsyncClient client, SearchPages pages, Indices indices) {
		this.client = client;
		this.pages = pages;
		this.indices = indices;
	}

	public Mono<Connection<GptDocument>> list(PageRequest page) {
		return this.pages.page(this.indices.gpts(), Query.of(q -> q.matchAll(m -> m)), BY_NAME, page,
				GptDocument.class);
	}

	public Mono<GptDocument> byId(String id) {
		return OpenSearchCalls.mono(() -> this.client.get(g -> g.index(this.indices.gpts()).id(id), GptDocument.class))
			.filter(response -> response.found())
			.map(response -> response.source());
	}

}
