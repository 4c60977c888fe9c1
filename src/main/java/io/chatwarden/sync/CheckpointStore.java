package io.chatwarden.sync;

import java.util.function.Function;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads and writes checkpoints in the sync-state index, one document per resource (and
 * per log event type), whatever their shape. While the store is away, reads and writes
 * are held and tried again ({@link StoreHold}): a checkpoint is never skipped.
 */
@Component
class CheckpointStore {

	private final OpenSearchAsyncClient client;

	private final String index;

	private final StoreHold hold;

	CheckpointStore(OpenSearchAsyncClient client, Indices indices, StoreHold hold) {
		this.client = client;
		this.hold = hold;
		this.index = indices.alias(Indices.SYNC_STATE);
	}

	Mono<Checkpoint> load(String resource) {
		return load(resource, Checkpoint.class, Checkpoint::empty);
	}

	Mono<Checkpoint> save(Checkpoint checkpoint) {
		return save(checkpoint.resource(), checkpoint);
	}

	<T> Mono<T> load(String id, Class<T> type, Function<String, T> empty) {
		return this.hold.hold(id, OpenSearchCalls.mono(() -> this.client.get((g) -> g.index(this.index).id(id), type))
			.map((response) -> response.found() ? response.source() : empty.apply(id)));
	}

	<T> Mono<T> save(String id, T checkpoint) {
		return this.hold
			.hold(id,
					OpenSearchCalls
						.mono(() -> this.client.index((i) -> i.index(this.index).id(id).document(checkpoint))))
			.thenReturn(checkpoint);
	}

}
