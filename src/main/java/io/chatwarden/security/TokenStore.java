package io.chatwarden.security;

import java.util.List;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * API tokens in the api-tokens index, keyed by the hash of their value so a lookup is one
 * realtime GET.
 */
@Component
class TokenStore {

	static final String INDEX = "api-tokens";

	private final OpenSearchAsyncClient client;

	private final String index;

	TokenStore(OpenSearchAsyncClient client, Indices indices) {
		this.client = client;
		this.index = indices.alias(INDEX);
	}

	Mono<ApiToken> byHash(String hash) {
		return OpenSearchCalls.mono(() -> this.client.get(g -> g.index(this.index).id(hash), ApiToken.class))
			.filter(response -> response.found())
			.map(response -> response.source());
	}

	Mono<ApiToken> byId(String id) {
		return OpenSearchCalls
			.mono(() -> this.client.search(
					s -> s.index(this.index).size(1).query(q -> q.term(t -> t.field("id").value(FieldValue.of(id)))),
					ApiToken.class))
			.flatMap(response -> Mono.justOrEmpty(response.hits().hits().stream().findFirst().map(Hit::source)));
	}

	Mono<List<ApiToken>> all() {
		return OpenSearchCalls.mono(() -> this.client.search(
				s -> s.index(this.index).size(1000).sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Desc))),
				ApiToken.class))
			.map(response -> response.hits().hits().stream().map(Hit::source).toList());
	}

	/**
	 * Saves and makes the change visible to searches at once, so a listing right after
	 * shows it.
	 */
	Mono<ApiToken> save(ApiToken token) {
		return OpenSearchCalls
			.mono(() -> this.client
				.index(i -> i.index(this.index).id(token.hash()).document(token).refresh(Refresh.WaitFor)))
			.thenReturn(token);
	}

}
