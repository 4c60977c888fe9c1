package io.chatwarden.store;

import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Makes recent writes visible to search, for the moments that promise it (the end of a
 * sync run).
 */
@Component
public class IndexRefresher {

	private final OpenSearchAsyncClient client;

	IndexRefresher(OpenSearchAsyncClient client) {
		this.client = client;
	}

	public Mono<Void> refresh(String indexPattern) {
		return OpenSearchCalls
			.mono(() -> this.client.indices().refresh(r -> r.index(indexPattern).ignoreUnavailable(true)))
			.then();
	}

}
