package io.chatwarden.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads the Compliance Logs Platform: lists log files after an ISO time and streams each
 * file's JSON Lines one line at a time. Shares the Compliance API's key, base URL, rate
 * limits and retries; {@code org-…} principals are addressed under
 * {@code /organizations}.
 */
@Component
public class ComplianceLogsClient {

	private static final String LOGS = "/compliance/{kind}/{principal_id}/logs";

	private final ComplianceProperties properties;

	private final OpenAiHttp http;

	@Autowired
	public ComplianceLogsClient(ComplianceProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder) {
		this(properties, webClientBuilder.getIfAvailable(WebClient::builder));
	}

	public ComplianceLogsClient(ComplianceProperties properties, WebClient.Builder webClientBuilder) {
		this.properties = properties;
		this.http = new OpenAiHttp(properties.http(), webClientBuilder, this::describe);
	}

	/**
	 * One page of log files of an event type.
	 * @param after ISO-8601 time with zone: files ending at or after it (the file ending
	 * exactly there can come again)
	 */
	public Mono<LogFilePage> listFiles(String eventType, String after, int limit) {
		return Mono.defer(() -> {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("event_type", eventType);
			query.put("after", after);
			query.put("limit", limit);
			return this.http.getJson(LOGS, principal(), query, ComplianceLogsClient::toPage);
		});
	}

	/**
	 * The events of one log file, one JSON line per element, read as they arrive: a line
	 * longer than {@code max-response-size} fails the download, nothing else is held.
	 */
	public Flux<String> lines(String fileId) {
		return Flux.defer(() -> {
			Map<String, Object> variables = new LinkedHashMap<>(principal());
			variables.put("file_id", fileId);
			StringDecoder decoder = StringDecoder.allMimeTypes();
			decoder.setMaxInMemorySize((int) this.properties.maxResponseSize().toBytes());
			return decoder
				.decode(this.http.download(LOGS + "/{file_id}", variables), ResolvableType.forClass(String.class), null,
						Map.of())
				.filter((line) -> !line.isBlank());
		});
	}

	private Map<String, Object> principal() {
		String id = this.properties.workspaceId();
		if (id == null) {
			throw new OpenAiApiException(0, ComplianceProperties.PREFIX
					+ ".workspace-id is not set: the Compliance Logs Platform cannot be called");
		}
		return Map.of("kind", id.startsWith("org-") ? "organizations" : "workspaces", "principal_id", id);
	}

	private static LogFilePage toPage(JsonNode body, String path) {
		JsonNode data = body.get("data");
		if (!body.isObject() || data == null || !data.isArray()) {
			throw new OpenAiApiException(200,
					"Compliance Logs Platform GET " + path + " answered with no list envelope (no 'data' array)");
		}
		List<String> ids = new ArrayList<>();
		for (JsonNode file : data) {
			JsonNode id = file.get("id");
			if (id == null || !id.isString() || id.asString().isBlank()) {
				throw new OpenAiApiException(200, "Compliance Logs Platform GET " + path + " listed a file with no id");
			}
			ids.add(id.asString());
		}
		JsonNode end = body.get("last_end_time");
		String lastEndTime = (end == null || end.isNull() || end.asString().isBlank()) ? null : end.asString();
		return new LogFilePage(ids, lastEndTime, body.path("has_more").asBoolean(false));
	}

	private String describe(int status, String path, String serverMessage) {
		String server = (serverMessage != null) ? " Server said: " + serverMessage : "";
		return switch (status) {
			case 401 -> "The Compliance Logs Platform rejected the key (HTTP 401 on GET " + path + "): check "
					+ ComplianceProperties.PREFIX + ".api-key." + server;
			case 403 -> "The Compliance Logs Platform refused access (HTTP 403 on GET " + path
					+ "): this key may only be allowed the stateful Compliance API; ask for compliance log access."
					+ server;
			case 404 -> "The Compliance Logs Platform is not enabled for '" + this.properties.workspaceId()
					+ "' (HTTP 404 on GET " + path + ")." + server;
			default -> "The Compliance Logs Platform answered HTTP " + status + " on GET " + path + "." + server;
		};
	}

}
