package io.chatwarden.openai;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chatwarden.files.FileSource;
import io.chatwarden.files.FileUnavailable;
import io.chatwarden.files.FileUnavailable.Reason;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Downloads file content from the Compliance API: the API answers 307 to a signed URL on
 * a storage host, which is read without the key. A 410 (OpenAI no longer keeps the file),
 * a 404 and a signed URL gone stale before it was read become {@link FileUnavailable}
 * with that reason.
 */
@Component
public class ComplianceFilesClient implements FileSource {

	private static final String WORKSPACE = "/compliance/workspaces/{workspace_id}";

	private final ComplianceProperties properties;

	private final OpenAiHttp http;

	@Autowired
	public ComplianceFilesClient(ComplianceProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder) {
		this(properties, webClientBuilder.getIfAvailable(WebClient::builder));
	}

	public ComplianceFilesClient(ComplianceProperties properties, WebClient.Builder webClientBuilder) {
		this.properties = properties;
		this.http = new OpenAiHttp(properties.http(), webClientBuilder, this::describe);
	}

	@Override
	public boolean available() {
		return this.properties.configured() && this.properties.workspaceId() != null;
	}

	/** A GPT knowledge file's bytes, as they arrive; the caller releases each buffer. */
	@Override
	public Flux<DataBuffer> knowledgeFile(String fileId) {
		return Flux
			.defer(() -> this.http.download(WORKSPACE + "/gpt_files/{file_id}", variables(Map.of("file_id", fileId)),
					Map.of()))
			.onErrorMap(OpenAiApiException.class, ComplianceFilesClient::unavailable);
	}

	/**
	 * A chat upload's bytes; {@code conversationId} (required by the API for audio and
	 * video) is sent when known.
	 */
	@Override
	public Flux<DataBuffer> attachment(String userId, String fileId, String conversationId) {
		return Flux
			.defer(() -> this.http.download(WORKSPACE + "/users/{user_id}/files/{file_id}",
					variables(Map.of("user_id", userId, "file_id", fileId)),
					(conversationId == null) ? Map.of() : Map.of("conversation_id", conversationId)))
			.onErrorMap(OpenAiApiException.class, ComplianceFilesClient::unavailable);
	}

	private static Throwable unavailable(OpenAiApiException failure) {
		if (failure instanceof SignedUrlRefusedException) {
			return new FileUnavailable(Reason.STALE_LINK, failure.getMessage());
		}
		return switch (failure.status()) {
			case 410 -> new FileUnavailable(Reason.GONE, failure.getMessage());
			case 404 -> new FileUnavailable(Reason.NOT_FOUND, failure.getMessage());
			default -> failure;
		};
	}

	private Map<String, Object> variables(Map<String, String> more) {
		String workspaceId = this.properties.workspaceId();
		if (workspaceId == null) {
			throw new OpenAiApiException(0,
					ComplianceProperties.PREFIX + ".workspace-id is not set: files cannot be downloaded");
		}
		Map<String, Object> variables = new LinkedHashMap<>(more);
		variables.put("workspace_id", workspaceId);
		return variables;
	}

	private String describe(int status, String path, String serverMessage) {
		String server = (serverMessage != null) ? " Server said: " + serverMessage : "";
		return switch (status) {
			case 401 -> "The Compliance API rejected the key (HTTP 401 on GET " + path + ")." + server;
			case 403 -> "The Compliance API refused access to the file (HTTP 403 on GET " + path + ")." + server;
			case 404 -> "No such file (HTTP 404 on GET " + path + ")." + server;
			case 410 -> "The file has expired: OpenAI no longer keeps it (HTTP 410)." + server;
			default -> "The Compliance API answered HTTP " + status + " on GET " + path + "." + server;
		};
	}

}
