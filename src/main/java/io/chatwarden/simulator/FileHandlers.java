package io.chatwarden.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import io.chatwarden.simulator.GptState.Config;
import io.chatwarden.simulator.GptState.KnowledgeFile;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * File content: {@code GET …/gpt_files/{file_id}} and {@code GET
 * …/users/{user_id}/files/{file_id}} answer 307 to a signed URL on the
 * {@link SignedStorage} port, 404 for an unknown file, or 410 once the file has expired.
 */
final class FileHandlers {

	/** How long a redirect's signed URL serves the file. */
	static final Duration SIGNED_URL_TTL = Duration.ofMinutes(5);

	private final SimulatedWorkspace workspace;

	private final SimulatorFaults faults;

	private final SignedStorage storage;

	private volatile Map<String, KnowledgeFile> knowledge;

	FileHandlers(SimulatedWorkspace workspace, SimulatorFaults faults, SignedStorage storage) {
		this.workspace = workspace;
		this.faults = faults;
		this.storage = storage;
	}

	Mono<ServerResponse> gptFile(ServerRequest request) {
		String id = request.pathVariable("file_id");
		KnowledgeFile file = knowledge().get(id);
		if (file == null) {
			return Responses.notFound("No GPT file found with id " + id);
		}
		if (PlantedFiles.EXPIRED_PDF.equals(id)) {
			return expired(id);
		}
		return redirect(id, file.name());
	}

	/**
	 * A chat upload, found in the conversation named by {@code conversation_id} (the
	 * simulator generates conversations on demand, so it cannot look an id up alone).
	 */
	Mono<ServerResponse> userFile(ServerRequest request) {
		String id = request.pathVariable("file_id");
		String userId = request.pathVariable("user_id");
		String conversationId = request.queryParam("conversation_id").orElse(null);
		OptionalInt index = this.workspace.conversationIndex(conversationId);
		if (index.isEmpty()) {
			return Responses.notFound("No file " + id + " found for user " + userId);
		}
		return Mono.fromCallable(() -> upload(index.getAsInt(), userId, id))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((file) -> {
				if (file.isMissingNode()) {
					return Responses.notFound("No file " + id + " found for user " + userId);
				}
				// An upload OpenAI no longer keeps: the listing nulls its URL, the
				// content 410s.
				return file.path("download_url").isNull() ? expired(id) : redirect(id, file.path("name").asString());
			});
	}

	private JsonNode upload(int index, String userId, String fileId) {
		JsonNode conversation = this.workspace.render(index, true);
		if (!userId.equals(conversation.path("user_id").asString())) {
			return tools.jackson.databind.node.MissingNode.getInstance();
		}
		for (JsonNode message : conversation.path("messages").path("data")) {
			for (JsonNode file : message.path("files").path("data")) {
				if (fileId.equals(file.path("id").asString())) {
					return file;
				}
			}
		}
		return tools.jackson.databind.node.MissingNode.getInstance();
	}

	private Mono<ServerResponse> redirect(String id, String name) {
		Duration ttl = this.faults.nextFileUrlStale() ? Duration.ofSeconds(-1) : SIGNED_URL_TTL;
		URI signed = this.storage.sign(name, SimulatedFiles.content(id, name), ttl);
		return ServerResponse.temporaryRedirect(signed).build();
	}

	private static Mono<ServerResponse> expired(String id) {
		return Responses.error(HttpStatus.GONE, "File " + id + " has expired and is no longer available.",
				"invalid_request_error", null, "file_expired");
	}

	private Map<String, KnowledgeFile> knowledge() {
		Map<String, KnowledgeFile> files = this.knowledge;
		if (files == null) {
			files = new HashMap<>();
			for (GptState gpt : this.workspace.directory.gpts.values()) {
				for (Config config : gpt.configsNewestFirst()) {
					for (KnowledgeFile file : config.files()) {
						files.putIfAbsent(file.id(), file);
					}
				}
			}
			this.knowledge = files;
		}
		return files;
	}

}
