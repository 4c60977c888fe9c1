package io.chatwarden.openai;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads a ChatGPT Enterprise workspace from the Compliance API, one list page per call.
 */
@Component
public class ComplianceClient {

	private static final String WORKSPACE = "/compliance/workspaces/{workspace_id}";

	private final ComplianceProperties properties;

	private final OpenAiHttp http;

	/**
	 * Uses Boot's {@code WebClient.Builder} when there is one (it comes with
	 * spring-boot-webclient), otherwise a plain builder.
	 */
	@Autowired
	public ComplianceClient(ComplianceProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder) {
		this(properties, webClientBuilder.getIfAvailable(WebClient::builder));
	}

	public ComplianceClient(ComplianceProperties properties, WebClient.Builder webClientBuilder) {
		this.properties = properties;
		this.http = new OpenAiHttp(properties.http(), webClientBuilder, this::describe);
	}

	/** One page of workspace users, in ascending id order. */
	public Mono<ApiPage> listUsers(String after) {
		return list("/users", query("limit", this.properties.userPageSize(), "after", after));
	}

	/** One page of live custom GPTs, each with its current configuration. */
	public Mono<ApiPage> listGpts(String after) {
		return list("/gpts", query("limit", this.properties.gptPageSize(), "after", after));
	}

	/**
	 * One page of conversations, by last update, each with every message inline.
	 * @param sinceTimestamp Unix seconds: only conversations updated at or after it; sent
	 * on the first page only, since the API refuses (or ignores) it beside {@code after}
	 * @param after the previous page's {@link ApiPage#lastId()}, or null for the first
	 * page
	 */
	public Mono<ApiPage> listConversations(Long sinceTimestamp, String after) {
		Map<String, Object> query = query("limit", this.properties.conversationPageSize(), "after", after);
		if (after == null && sinceTimestamp != null) {
			query.put("since_timestamp", sinceTimestamp);
		}
		// Small file_info objects instead of download URLs that expire within the hour.
		query.put("file_format", "id");
		return list("/conversations", query);
	}

	private Mono<ApiPage> list(String resource, Map<String, Object> query) {
		return Mono.defer(() -> {
			String workspaceId = this.properties.workspaceId();
			if (workspaceId == null) {
				return Mono.error(new OpenAiApiException(0,
						ComplianceProperties.PREFIX + ".workspace-id is not set: the Compliance API cannot be called"));
			}
			return this.http.getPage(WORKSPACE + resource, Map.of("workspace_id", workspaceId), query);
		});
	}

	private static Map<String, Object> query(String limitName, int limit, String afterName, String after) {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put(limitName, limit);
		query.put(afterName, after);
		return query;
	}

	private String describe(int status, String path, String serverMessage) {
		String server = (serverMessage != null) ? " Server said: " + serverMessage : "";
		return switch (status) {
			case 401 -> "The Compliance API rejected the key (HTTP 401 on GET " + path + "): check "
					+ ComplianceProperties.PREFIX + ".api-key." + server;
			case 403 -> "The Compliance API refused access (HTTP 403 on GET " + path
					+ "): this key lacks the chatgpt.enterprise.compliance_export scope (read); OpenAI support grants it"
					+ " to the key set in " + ComplianceProperties.PREFIX + ".api-key." + server;
			case 404 ->
				"The Compliance API does not know workspace '" + this.properties.workspaceId() + "' (HTTP 404 on GET "
						+ path + "): check " + ComplianceProperties.PREFIX + ".workspace-id." + server;
			default -> "The Compliance API answered HTTP " + status + " on GET " + path + "."
					+ ((serverMessage != null) ? " Server said: " + serverMessage : "");
		};
	}

}
