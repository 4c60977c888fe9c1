package io.chatwarden.store;

import java.util.List;

import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Makes recent writes visible to search, for the moments that promise it (the end of a
 * sync run), and slows the periodic refresh while a run writes in bulk.
 */
@Component
public class IndexRefresher {

	private final OpenSearchAsyncClient client;

	private final RawRequests requests;

	IndexRefresher(OpenSearchAsyncClient client, RawRequests requests) {
		this.client = client;
		this.requests = requests;
	}

	/**
	 * Refreshes these indices every {@code interval} instead of every second, or again at
	 * their configured pace ({@code null}). A bulk load refreshed each second makes a
	 * small segment a second, and merging them costs the node as much as a third of the
	 * indexing itself; a run ends with an explicit {@link #refresh}.
	 */
	public Mono<Void> refreshEvery(String interval, List<String> indices) {
		String value = (interval != null) ? "\"" + interval + "\"" : "null";
		return this.requests
			.send("PUT", "/" + String.join(",", indices) + "/_settings?ignore_unavailable=true",
					"{\"index\":{\"refresh_interval\":" + value + "}}")
			.map((response) -> response.orFail("Setting the refresh interval of " + indices))
			.then();
	}

	public Mono<Void> refresh(String indexPattern) {
		return OpenSearchCalls
			.mono(() -> this.client.indices().refresh(r -> r.index(indexPattern).ignoreUnavailable(true)))
			.then();
	}

}
