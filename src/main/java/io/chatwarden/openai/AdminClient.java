package io.chatwarden.openai;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads an OpenAI organization's keys, projects, users and invites from the Admin API,
 * one list page per call.
 */
@Component
public class AdminClient {

	private final AdminProperties properties;

	private final OpenAiHttp http;

	/**
	 * Uses Boot's {@code WebClient.Builder} when there is one (it comes with
	 * spring-boot-webclient), otherwise a plain builder.
	 */
	@Autowired
	public AdminClient(AdminProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder) {
		this(properties, webClientBuilder.getIfAvailable(WebClient::builder));
	}

	public AdminClient(AdminProperties properties, WebClient.Builder webClientBuilder) {
		this.properties = properties;
		this.http = new OpenAiHttp(properties.http(), webClientBuilder, AdminClient::describe);
	}

	/** One page of admin keys, oldest first. */
	public Mono<ApiPage> listAdminKeys(String after) {
		return this.http.getPage("/organization/admin_api_keys", Map.of(), query(after));
	}

	/** One page of projects, archived ones included. */
	public Mono<ApiPage> listProjects(String after) {
		Map<String, Object> query = query(after);
		query.put("include_archived", true);
		return this.http.getPage("/organization/projects", Map.of(), query);
	}

	/**
	 * One page of a project's API keys, whatever their owner's access: without
	 * {@code owner_project_access=any} the API hides keys whose owner lost access to the
	 * project, the very keys a hygiene check is for.
	 */
	public Mono<ApiPage> listProjectKeys(String projectId, String after) {
		return Mono.defer(() -> {
			if (projectId == null || projectId.isBlank()) {
				return Mono.error(new IllegalArgumentException("projectId must not be blank"));
			}
			Map<String, Object> query = query(after);
			query.put("owner_project_access", "any");
			return this.http.getPage("/organization/projects/{project_id}/api_keys", Map.of("project_id", projectId),
					query);
		});
	}

	/** One page of organization members. */
	public Mono<ApiPage> listOrgUsers(String after) {
		return this.http.getPage("/organization/users", Map.of(), query(after));
	}

	/** One page of organization invites. */
	public Mono<ApiPage> listInvites(String after) {
		return this.http.getPage("/organization/invites", Map.of(), query(after));
	}

	private Map<String, Object> query(String after) {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("limit", this.properties.pageSize());
		query.put("after", after);
		return query;
	}

	private static String describe(int status, String path, String serverMessage) {
		String server = (serverMessage != null) ? " Server said: " + serverMessage : "";
		if (status == 401 || status == 403) {
			return "The Admin API refused the key (HTTP " + status + " on GET " + path
					+ "): it needs an organization admin key (" + AdminProperties.PREFIX
					+ ".api-key), created by an organization owner; project keys cannot call /organization endpoints."
					+ server;
		}
		return "The Admin API answered HTTP " + status + " on GET " + path + "." + server;
	}

}
