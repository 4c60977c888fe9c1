package io.chatwarden.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.BulkWriter.Merge;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The files index: lists files from the synced GPTs and messages, hands out the ones
 * still pending, records each fetch's outcome, and reads files back by id.
 */
@Component
public class FileGateway {

	/** The logical index name (alias {@code <prefix>-files}). */
	public static final String INDEX = "files";

	private static final int PAGE = 500;

	/** A listing refreshes where a file was found, never what its fetch found. */
	private static final Merge METADATA_ONLY = new Merge(
			"for (f in params.fields) { if (params.doc[f] != null) { ctx._source[f] = params.doc[f]; } }",
			Map.of("fields", List.of("name", "kind", "gptId", "conversationId", "messageId", "userId", "userEmail",
					"listedAt")));

	private final OpenSearchAsyncClient client;

	private final Indices indices;

	private final BulkWriter writer;

	FileGateway(OpenSearchAsyncClient client, Indices indices, BulkWriter writer) {
		this.client = client;
		this.indices = indices;
		this.writer = writer;
	}

	String index() {
		return this.indices.alias(INDEX);
	}

	/**
	 * Lists every knowledge file of the synced GPTs and every attachment of messages
	 * synced since {@code messagesSince} (all when null); new files come in PENDING.
	 * @return how many files were listed
	 */
	Mono<Long> list(Instant messagesSince, Instant now) {
		Flux<BulkOp> knowledge = scroll(this.indices.gpts(), Query.of(q -> q.exists(e -> e.field("knowledgeFiles.id"))),
				List.of("id", "ownerId", "ownerEmail", "knowledgeFiles"), GptFiles.class)
			.flatMapIterable(gpt -> gpt.knowledgeFiles()
				.stream()
				.map(file -> upsert(StoredFileDocument.listed(file.id(), file.name(), StoredFileDocument.KNOWLEDGE,
						gpt.id(), null, null, gpt.ownerId(), gpt.ownerEmail(), now)))
				.toList());
		Query withFiles = Query.of(q -> q.bool(b -> {
			b.filter(f -> f.exists(e -> e.field("files.id")));
			if (messagesSince != null) {
				b.filter(f -> f.range(r -> r.field("syncedAt").gte(JsonData.of(messagesSince.toString()))));
			}
			return b;
		}));
		Flux<BulkOp> attachments = scroll(this.indices.messages(), withFiles,
				List.of("id", "conversationId", "userId", "userEmail", "files"), MessageFiles.class)
			.flatMapIterable(message -> message.files()
				.stream()
				.map(file -> upsert(StoredFileDocument.listed(file.id(), file.name(), StoredFileDocument.ATTACHMENT,
						null, message.conversationId(), message.id(), message.userId(), message.userEmail(), now)))
				.toList());
		return Flux.concat(knowledge, attachments)
			.buffer(PAGE)
			.concatMap(ops -> this.writer.write(ops).map(result -> (long) ops.size()))
			.reduce(0L, Long::sum);
	}

	private BulkOp upsert(StoredFileDocument file) {
		return new BulkOp(index(), file.id(), file, METADATA_ONLY);
	}

	/** Files waiting for their content, page by page. */
	Flux<StoredFileDocument> pending() {
		Query pending = Query.of(q -> q.term(t -> t.field("contentStatus").value(FieldValue.of("PENDING"))));
		return scroll(index(), pending, null, StoredFileDocument.class);
	}

	/** Stores a fetched file whole (its outcome, text and matches). */
	Mono<Void> save(StoredFileDocument file) {
		return this.writer.write(List.of(new BulkOp(index(), file.id(), file))).flatMap(result -> {
			if (!result.failures().isEmpty()) {
				return Mono.error(new IllegalStateException(
						"Could not store file " + file.id() + ": " + result.failures().get(0).reason()));
			}
			return Mono.empty();
		});
	}

	/** Files by id, without their text (the callers show status and links). */
	public Mono<Map<String, StoredFileDocument>> byIds(List<String> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return OpenSearchCalls
			.mono(() -> this.client.mget(m -> m.index(index()).ids(ids).sourceExcludes(List.of("text")),
					StoredFileDocument.class))
			.map(response -> {
				Map<String, StoredFileDocument> found = new java.util.HashMap<>();
				response.docs().forEach(doc -> {
					if (doc.isResult() && doc.result().found()) {
						found.put(doc.result().id(), doc.result().source());
					}
				});
				return found;
			});
	}

	/** Every hit of a query, sorted by id, one page at a time. */
	private <T> Flux<T> scroll(String index, Query query, List<String> fields, Class<T> type) {
		Function<List<FieldValue>, Mono<List<Hit<T>>>> page = after -> OpenSearchCalls
			.mono(() -> this.client.search(s -> {
				s.index(index).query(query).size(PAGE).sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
				if (fields != null) {
					s.source(src -> src.filter(f -> f.includes(fields)));
				}
				if (after != null) {
					s.searchAfter(after);
				}
				return s;
			}, type))
			.map(response -> response.hits().hits());
		return page.apply(null)
			.expand(hits -> hits.size() < PAGE ? Mono.empty() : page.apply(hits.get(hits.size() - 1).sort()))
			.flatMapIterable(hits -> {
				List<T> sources = new ArrayList<>(hits.size());
				hits.forEach(hit -> sources.add(hit.source()));
				return sources;
			});
	}

	/** The knowledge files of a stored GPT. */
	record GptFiles(String id, String ownerId, String ownerEmail, List<Listed> knowledgeFiles) {

		GptFiles {
			knowledgeFiles = (knowledgeFiles == null) ? List.of() : knowledgeFiles;
		}

	}

	/** The attachments of a stored message. */
	record MessageFiles(String id, String conversationId, String userId, String userEmail, List<Listed> files) {

		MessageFiles {
			files = (files == null) ? List.of() : files;
		}

	}

	/** A file's id and name as a listing holds them. */
	record Listed(String id, String name) {
	}

}
