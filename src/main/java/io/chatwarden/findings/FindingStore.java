package io.chatwarden.findings;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import static io.chatwarden.findings.Queries.all;
import static io.chatwarden.findings.Queries.term;
import static io.chatwarden.findings.Queries.terms;

/** Reads and writes the findings index. */
@Component
class FindingStore {

	static final String INDEX = "findings";

	private final OpenSearchAsyncClient client;

	private final BulkWriter writer;

	private final String index;

	FindingStore(OpenSearchAsyncClient client, BulkWriter writer, Indices indices) {
		this.client = client;
		this.writer = writer;
		this.index = indices.alias(INDEX);
	}

	String index() {
		return this.index;
	}

	Mono<FindingDocument> get(String id) {
		return OpenSearchCalls.mono(() -> this.client.get(g -> g.index(this.index).id(id), FindingDocument.class))
			.filter(response -> response.found())
			.map(response -> response.source());
	}

	Mono<Map<String, FindingDocument>> getAll(Collection<String> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<String> list = List.copyOf(ids);
		return OpenSearchCalls.mono(() -> this.client.mget(m -> m.index(this.index).ids(list), FindingDocument.class))
			.map(response -> {
				Map<String, FindingDocument> found = new HashMap<>();
				response.docs().forEach(item -> {
					if (item.isFailure()) {
						throw new IllegalStateException("Reading finding " + item.failure().id() + " failed");
					}
					if (item.result().found()) {
						found.put(item.result().id(), item.result().source());
					}
				});
				return found;
			});
	}

	Mono<Void> write(List<FindingDocument> findings) {
		List<BulkOp> ops = findings.stream().map(f -> new BulkOp(this.index, f.id(), f)).toList();
		return this.writer.write(ops)
			.flatMap(result -> result.failures().isEmpty() ? Mono.empty()
					: Mono.error(new IllegalStateException("OpenSearch rejected " + result.failures().size()
							+ " findings, e.g. " + result.failures().get(0).reason())));
	}

	Mono<FindingDocument> save(FindingDocument finding) {
		return OpenSearchCalls
			.mono(() -> this.client
				.index(i -> i.index(this.index).id(finding.id()).document(finding).refresh(Refresh.True)))
			.thenReturn(finding);
	}

	/**
	 * Resolves the open findings of the given types that the evaluation did not see.
	 * @return how many were resolved
	 */
	Mono<Long> resolveUnseen(String evaluationId, List<String> typeIds, Instant now) {
		if (typeIds.isEmpty()) {
			return Mono.just(0L);
		}
		Query unseen = Query
			.of(q -> q.bool(b -> b.filter(all(term("status", FindingStatus.OPEN.name()), terms("typeId", typeIds)))
				.mustNot(term("evaluationId", evaluationId))));
		return refresh()
			.then(OpenSearchCalls.mono(() -> this.client.updateByQuery(u -> u.index(this.index)
				.query(unseen)
				.conflicts(Conflicts.Proceed)
				.refresh(Refresh.True)
				.script(s -> s.inline(i -> i
					.lang(l -> l.builtin(org.opensearch.client.opensearch._types.BuiltinScriptLanguage.Painless))
					.source("ctx._source.status = 'RESOLVED'; ctx._source.resolvedAt = params.now;")
					.params("now", JsonData.of(now.toString())))))))
			.map(response -> response.updated() == null ? 0L : response.updated());
	}

	Mono<Void> refresh() {
		return OpenSearchCalls.mono(() -> this.client.indices().refresh(r -> r.index(this.index))).then();
	}

}
