package io.chatwarden.files;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chatwarden.audit.AuditLog;
import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.ConversationGateway;
import io.chatwarden.findings.FindingDocument;
import io.chatwarden.gpt.GptDocument;
import io.chatwarden.gpt.GptDocument.KnowledgeFile;
import io.chatwarden.gpt.GptGateway;
import io.chatwarden.system.PageRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * GraphQL handlers of {@code searchFiles}, the StoredFile type, a knowledge file's
 * content status and a file finding's file.
 */
@Controller
class FileController {

	private final FileSearchGateway search;

	private final FileGateway files;

	private final GptGateway gpts;

	private final ConversationGateway conversations;

	private final AuditLog audit;

	FileController(FileSearchGateway search, FileGateway files, GptGateway gpts, ConversationGateway conversations,
			AuditLog audit) {
		this.search = search;
		this.files = files;
		this.gpts = gpts;
		this.conversations = conversations;
		this.audit = audit;
	}

	@QueryMapping
	Mono<FileSearchConnection> searchFiles(@Argument String query, @Argument Integer first, @Argument String after) {
		return Mono.defer(() -> this.search.search(query, PageRequest.of(first, after)))
			.flatMap(page -> this.audit.record("file-search", null, query, page.totalCount()).thenReturn(page));
	}

	@SchemaMapping(typeName = "StoredFile")
	List<String> dlpDetectors(StoredFileDocument file) {
		return (file.dlpDetectors() == null) ? List.of() : file.dlpDetectors();
	}

	@BatchMapping(typeName = "StoredFile")
	Mono<Map<StoredFileDocument, GptDocument>> gpt(List<StoredFileDocument> files) {
		return lookup(files, StoredFileDocument::gptId, this.gpts::byId, GptDocument::id);
	}

	@BatchMapping(typeName = "StoredFile")
	Mono<Map<StoredFileDocument, ConversationDocument>> conversation(List<StoredFileDocument> files) {
		return lookup(files, StoredFileDocument::conversationId, this.conversations::byId, ConversationDocument::id);
	}

	/** One read of the files index for every knowledge file in the response. */
	@BatchMapping(typeName = "KnowledgeFile")
	Mono<Map<KnowledgeFile, FileContentStatus>> contentStatus(List<KnowledgeFile> knowledge) {
		return stored(knowledge).map(found -> knowledge.stream()
			.distinct()
			.collect(Collectors.toMap(k -> k,
					k -> found.containsKey(k.id()) ? found.get(k.id()).contentStatus() : FileContentStatus.PENDING)));
	}

	@BatchMapping(typeName = "KnowledgeFile")
	Mono<Map<KnowledgeFile, String>> contentReason(List<KnowledgeFile> knowledge) {
		return stored(knowledge).map(found -> knowledge.stream()
			.distinct()
			.filter(k -> found.containsKey(k.id()) && found.get(k.id()).contentReason() != null)
			.collect(Collectors.toMap(k -> k, k -> found.get(k.id()).contentReason())));
	}

	@BatchMapping(typeName = "Finding")
	Mono<Map<FindingDocument, StoredFileDocument>> file(List<FindingDocument> findings) {
		List<String> ids = findings.stream()
			.filter(f -> "file".equals(f.resourceType()))
			.map(FindingDocument::resourceId)
			.distinct()
			.toList();
		return this.files.byIds(ids)
			.map(found -> findings.stream()
				.distinct()
				.filter(f -> "file".equals(f.resourceType()) && found.containsKey(f.resourceId()))
				.collect(Collectors.toMap(f -> f, f -> found.get(f.resourceId()))));
	}

	private Mono<Map<String, StoredFileDocument>> stored(List<KnowledgeFile> knowledge) {
		return this.files.byIds(knowledge.stream().map(KnowledgeFile::id).distinct().toList());
	}

	/** Each distinct id read once; files without one get no value. */
	private static <T> Mono<Map<StoredFileDocument, T>> lookup(List<StoredFileDocument> files,
			Function<StoredFileDocument, String> key, Function<String, Mono<T>> read, Function<T, String> id) {
		return Flux.fromStream(files.stream().map(key).filter(k -> k != null).distinct())
			.flatMap(read, 8)
			.collectMap(id)
			.map(found -> files.stream()
				.distinct()
				.filter(f -> key.apply(f) != null && found.containsKey(key.apply(f)))
				.collect(Collectors.toMap(f -> f, f -> found.get(key.apply(f)))));
	}

}
