package io.chatwarden.findings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.Refresh;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Finding type settings made through the API, one document per type. */
@Component
class TypeSettingsStore {

	static final String INDEX = "finding-settings";

	private final OpenSearchAsyncClient client;

	private final String index;

	TypeSettingsStore(OpenSearchAsyncClient client, Indices indices) {
		this.client = client;
		this.index = indices.alias(INDEX);
	}

	Mono<Map<String, Settings>> all() {
		return OpenSearchCalls
			.mono(() -> this.client.search(s -> s.index(this.index).size(1000).query(q -> q.matchAll(m -> m)),
					Settings.class))
			.map(response -> {
				Map<String, Settings> map = new LinkedHashMap<>();
				response.hits().hits().forEach(hit -> map.put(hit.source().typeId(), hit.source()));
				return map;
			});
	}

	Mono<Settings> save(Settings settings) {
		return OpenSearchCalls
			.mono(() -> this.client
				.index(i -> i.index(this.index).id(settings.typeId()).document(settings).refresh(Refresh.True)))
			.thenReturn(settings);
	}

	/** A type's settings as stored; null fields fall back to configuration. */
	record Settings(String typeId, Severity severity, Boolean ignored, String updatedBy, Instant updatedAt) {
	}

}
