package io.chatwarden.findings;

import java.util.List;

import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** The alert-outbox index: alerts waiting for delivery, oldest first. */
@Component
class AlertOutbox {

	static final String INDEX = "alert-outbox";

	static final int PAGE = 100;

	private final OpenSearchAsyncClient client;

	private final BulkWriter writer;

	private final String index;

	AlertOutbox(OpenSearchAsyncClient client, BulkWriter writer, Indices indices) {
		this.client = client;
		this.writer = writer;
		this.index = indices.alias(INDEX);
	}

	Mono<Void> add(List<PendingAlert> alerts) {
		return this.writer
			.write(alerts.stream().map(alert -> new BulkWriter.BulkOp(this.index, alert.id(), alert)).toList())
			.flatMap(result -> result.failures().isEmpty() ? Mono.empty() : Mono
				.error(new IllegalStateException("Could not queue alerts: " + result.failures().get(0).reason())));
	}

	/** The oldest alerts neither delivered nor given up on. */
	Mono<List<PendingAlert>> pending() {
		return OpenSearchCalls.mono(() -> this.client.indices().refresh(r -> r.index(this.index)))
			.then(OpenSearchCalls.mono(() -> this.client.search(s -> s.index(this.index)
				.size(PAGE)
				.query(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field("deliveredAt")))
					.mustNot(n -> n.exists(e -> e.field("failedAt")))))
				.sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Asc))), PendingAlert.class)))
			.map(response -> response.hits().hits().stream().map(Hit::source).toList());
	}

	Mono<Void> save(PendingAlert alert) {
		return OpenSearchCalls.mono(() -> this.client.index(i -> i.index(this.index).id(alert.id()).document(alert)))
			.then();
	}

}
