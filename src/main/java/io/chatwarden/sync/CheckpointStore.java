package io.chatwarden.sync;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Reads and writes checkpoints in the sync-state index, one document per resource. */
@Component
class CheckpointStore {

	private final OpenSearchAsyncClient client;

	private final String index;

	CheckpointStore(OpenSearchAsyncClient client, Indices indices) {
		this.client = client;
		this.index = indices.alias(Indices.SYNC_STATE);
	}

	Mono<Checkpoint> load(String resource) {
		return OpenSearchCalls.mono(() -> this.client.get(g -> g.index(this.index).id(resource), Checkpoint.class))
			.map(response -> response.found() ? response.source() : Checkpoint.empty(resource));
	}

	Mono<Checkpoint> save(Checkpoint checkpoint) {
		return OpenSearchCalls
			.mono(() -> this.client.index(i -> i.index(this.index).id(checkpoint.resource()).document(checkpoint)))
			.thenReturn(checkpoint);
	}

}
