package io.chatwarden.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.BuiltinScriptLanguage;
import org.opensearch.client.opensearch._types.Script;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

/**
 * Writes documents with {@code _bulk}, keyed by source ids so that a write repeated after
 * a crash or a re-delivery replaces instead of duplicating. Items the cluster pushes back
 * on (429) are retried; items it rejects are returned so the caller can dead-letter them.
 */
@Component
public class BulkWriter {

	private static final int ITEM_ATTEMPTS = 5;

	private final OpenSearchAsyncClient client;

	private final TimePartitions partitions;

	BulkWriter(OpenSearchAsyncClient client, TimePartitions partitions) {
		this.client = client;
		this.partitions = partitions;
	}

	/**
	 * Indexes (creates or replaces) every document; completes once the cluster
	 * acknowledged all of them.
	 */
	public Mono<BulkResult> write(List<BulkOp> ops) {
		if (ops.isEmpty()) {
			return Mono.just(new BulkResult(0, List.of()));
		}
		// Messages and events go to the generation of their own timestamp.
		return this.partitions.route(ops).flatMap(routed -> attempt(routed, 1, 0));
	}

	private Mono<BulkResult> attempt(List<BulkOp> ops, int attempt, int succeededBefore) {
		// A later op for the same document wins, as it would in order; one op per
		// document keeps items aligned.
		List<BulkOp> unique = List.copyOf(ops.stream()
			.collect(Collectors.toMap(BulkOp::key, Function.identity(), (first, second) -> second, LinkedHashMap::new))
			.values());
		List<BulkOperation> operations = unique.stream().map(BulkWriter::operation).toList();
		return OpenSearchCalls.mono(() -> this.client.bulk(b -> b.operations(operations)))
			.retryWhen(Retry.backoff(4, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
			.flatMap(response -> {
				List<BulkOp> pushedBack = new ArrayList<>();
				List<BulkFailure> failures = new ArrayList<>();
				int succeeded = succeededBefore;
				List<BulkResponseItem> items = response.items();
				for (int i = 0; i < items.size(); i++) {
					BulkResponseItem item = items.get(i);
					if (item.error() == null) {
						succeeded++;
						continue;
					}
					// Items come back in request order, named by the concrete index
					// rather than the alias.
					BulkOp op = unique.get(i);
					if (item.status() == 429 && attempt < ITEM_ATTEMPTS) {
						pushedBack.add(op);
					}
					else {
						failures.add(
								new BulkFailure(op, item.status(), item.error().type() + ": " + item.error().reason()));
					}
				}
				if (pushedBack.isEmpty()) {
					return Mono.just(new BulkResult(succeeded, failures));
				}
				int done = succeeded;
				return Mono.delay(Duration.ofMillis(200L << attempt))
					.then(attempt(pushedBack, attempt + 1, done))
					.map(rest -> rest.withEarlierFailures(failures));
			});
	}

	private static BulkOperation operation(BulkOp op) {
		if (op.merge() == null) {
			return BulkOperation.of(b -> b.index(i -> i.index(op.index()).id(op.id()).document(op.document())));
		}
		// The document is the upsert (a new id) and the script's params.doc (an existing
		// one); nulls are left out of both by the mapper, so a merge never erases.
		Map<String, JsonData> params = new LinkedHashMap<>();
		params.put("doc", JsonData.of(op.document()));
		op.merge().params().forEach((name, value) -> params.put(name, JsonData.of(value)));
		return BulkOperation.of(b -> b.update(u -> u.index(op.index())
			.id(op.id())
			.retryOnConflict(3)
			.script(Script.of(s -> s.inline(i -> i.lang(l -> l.builtin(BuiltinScriptLanguage.Painless))
				.source(op.merge().script())
				.params(params))))
			.upsert(op.document())));
	}

	/**
	 * One document to write under an id: indexed whole, or merged into the stored one by
	 * a script when {@code merge} is set.
	 */
	public record BulkOp(String index, String id, Object document, Merge merge) {

		public BulkOp(String index, String id, Object document) {
			this(index, id, document, null);
		}

		String key() {
			return this.index + "/" + this.id;
		}

	}

	/**
	 * A painless update script run against the stored document, with the new document as
	 * {@code params.doc} and these extra params.
	 */
	public record Merge(String script, Map<String, Object> params) {
	}

	/** A document the cluster would not take, and why. */
	public record BulkFailure(BulkOp op, int status, String reason) {
	}

	/** What a bulk write achieved. */
	public record BulkResult(int succeeded, List<BulkFailure> failures) {

		BulkResult withEarlierFailures(List<BulkFailure> earlier) {
			List<BulkFailure> all = new ArrayList<>(earlier);
			all.addAll(this.failures);
			return new BulkResult(this.succeeded, all);
		}

	}

}
