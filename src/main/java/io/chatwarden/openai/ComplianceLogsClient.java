package io.chatwarden.openai;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.openai.LogFilePage.LogFile;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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
	 * longer than {@code max-response-size} fails the download, nothing else is held. The
	 * download follows the 307 to the signed URL without the key. When the listing gave a
	 * sha256, the bytes are digested as they pass and a mismatch fails the stream after
	 * its last line with {@link LogFileDigestException}: the caller must not commit the
	 * file before the stream completed.
	 */
	public Flux<String> lines(LogFile file) {
		return Flux.defer(() -> {
			Map<String, Object> variables = new LinkedHashMap<>(principal());
			variables.put("file_id", file.id());
			Digesting digest = new Digesting(file.sha256());
			Flux<DataBuffer> bytes = this.http.download(LOGS + "/{file_id}", variables).doOnNext(digest::update);
			return JsonLines.split(bytes, (int) this.properties.maxResponseSize().toBytes())
				.concatWith(Mono.defer(() -> digest.verify(file)));
		});
	}

	/** A running sha256 over a download's buffers. */
	private static final class Digesting {

		private final String expected;

		private final MessageDigest digest;

		Digesting(String expected) {
			this.expected = expected;
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void update(DataBuffer buffer) {
			if (this.expected != null) {
				try (DataBuffer.ByteBufferIterator it = buffer.readableByteBuffers()) {
					it.forEachRemaining(this.digest::update);
				}
			}
		}

		Mono<String> verify(LogFile file) {
			if (this.expected == null) {
				return Mono.empty();
			}
			String actual = HexFormat.of().formatHex(this.digest.digest());
			return actual.equalsIgnoreCase(this.expected) ? Mono.empty()
					: Mono.error(new LogFileDigestException(file.id(), this.expected, actual));
		}

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
		List<LogFile> files = new ArrayList<>();
		for (JsonNode file : data) {
			JsonNode id = file.get("id");
			if (id == null || !id.isString() || id.asString().isBlank()) {
				throw new OpenAiApiException(200, "Compliance Logs Platform GET " + path + " listed a file with no id");
			}
			JsonNode size = file.get("file_size");
			files.add(new LogFile(id.asString(), text(file, "event_type"), text(file, "end_time"),
					text(file, "file_name"), (size != null && size.canConvertToLong()) ? size.asLong() : -1,
					text(file, "file_sha256")));
		}
		String lastEndTime = text(body, "last_end_time");
		return new LogFilePage(files, lastEndTime, body.path("has_more").asBoolean(false));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull() || !value.isValueNode() || value.asString().isBlank()) ? null
				: value.asString();
	}

	private String describe(int status, String path, String serverMessage) {
		String server = (serverMessage != null) ? " Server said: " + serverMessage : "";
		return switch (status) {
			case 401 -> "The Compliance Logs Platform rejected the key (HTTP 401 on GET " + path + "): check "
					+ ComplianceProperties.PREFIX + ".api-key." + server;
			case 403 -> "The Compliance Logs Platform refused access (HTTP 403 on GET " + path
					+ "): this key may only be allowed the stateful Compliance API; ask for compliance log access."
					+ server;
			case 404 -> "The Compliance Logs Platform answered HTTP 404 on GET " + path + " for '"
					+ this.properties.workspaceId() + "'." + server;
			default -> "The Compliance Logs Platform answered HTTP " + status + " on GET " + path + "." + server;
		};
	}

}
