package io.chatwarden.findings;

import java.time.Instant;
import java.util.List;

import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;
import org.opensearch.client.opensearch._types.SortOrder;
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

	/**
	 * The oldest alerts neither delivered nor given up on, nor claimed by an instance
	 * whose claim still holds.
	 */
	Mono<List<Versioned>> pending(Instant now) {
		return OpenSearchCalls.mono(() -> this.client.indices().refresh(r -> r.index(this.index)))
			.then(OpenSearchCalls.mono(() -> this.client.search(s -> s.index(this.index)
				.size(PAGE)
				.seqNoPrimaryTerm(true)
				.query(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field("deliveredAt")))
					.mustNot(n -> n.exists(e -> e.field("failedAt")))
					.mustNot(n -> n.range(r -> r.field("claimedUntil").gt(JsonData.of(now.toString()))))))
				.sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Asc))), PendingAlert.class)))
			.map(response -> response.hits()
				.hits()
				.stream()
				.map(hit -> new Versioned(hit.source(), hit.seqNo(), hit.primaryTerm()))
				.toList());
	}

	/**
	 * Claims an alert unless another instance changed it since it was read; true when
	 * this instance won it.
	 */
	Mono<Boolean> claim(Versioned pending, String by, Instant until) {
		PendingAlert claimed = pending.alert().claimed(by, until);
		return OpenSearchCalls
			.mono(() -> this.client.index(i -> i.index(this.index)
				.id(claimed.id())
				.document(claimed)
				.ifSeqNo(pending.seqNo())
				.ifPrimaryTerm(pending.primaryTerm())))
			.thenReturn(true)
			.onErrorResume(AlertOutbox::conflict, ex -> Mono.just(false));
	}

	private static boolean conflict(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof OpenSearchException search && search.status() == 409
					|| cause instanceof ResponseException response && response.status() == 409) {
				return true;
			}
		}
		return false;
	}

	Mono<Void> save(PendingAlert alert) {
		return OpenSearchCalls.mono(() -> this.client.index(i -> i.index(this.index).id(alert.id()).document(alert)))
			.then();
	}

	/** A pending alert with the version it was read at. */
	record Versioned(PendingAlert alert, Long seqNo, Long primaryTerm) {
	}

}
