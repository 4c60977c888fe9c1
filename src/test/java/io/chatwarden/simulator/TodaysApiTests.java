package io.chatwarden.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator speaks the API as it stands since mid-2026 by default (PART 0 of the API
 * notes): 410 on the stateful conversations, log files with metadata behind a 307 to
 * another origin, at-least-once delivery, and the live event shapes.
 */
class TodaysApiTests {

	static final String KEY = SimTestSupport.TOKEN.substring(7);

	static final SimulatorServer server = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(60).withEnforceRateLimits(false),
				SimTestSupport.CLOCK), new SimulatorFaults());

	static final String WS = "/compliance/workspaces/" + SimulatorProperties.DEFAULT_WORKSPACE_ID;

	final WebTestClient client = SimTestSupport.client(server.complianceBaseUrl());

	final HttpClient http = HttpClient.newHttpClient();

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void statefulConversationsAreRetired() {
		byte[] body = this.client.get()
			.uri(WS + "/conversations")
			.header("Authorization", "Bearer " + KEY)
			.exchange()
			.expectStatus()
			.isEqualTo(410)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(Json.MAPPER.readTree(body).path("error").path("message").asString()).contains("Logs Platform");
	}

	@Test
	void logFilesCarryMetadataAndDownloadFromAnotherOriginThatRefusesTheKey() throws Exception {
		JsonNode file = files("CONVERSATION_MESSAGE").get(0);
		assertThat(file.get("id").asString()).startsWith("eclf_");
		assertThat(file.get("event_type").asString()).isEqualTo("CONVERSATION_MESSAGE");
		assertThat(file.get("file_name").asString()).endsWith(".jsonl");
		HttpResponse<byte[]> redirect = get(server.complianceBaseUrl() + WS + "/logs/" + file.get("id").asString(),
				"Bearer " + KEY);
		assertThat(redirect.statusCode()).isEqualTo(307);
		URI signed = URI.create(redirect.headers().firstValue("location").orElseThrow());
		assertThat(signed.toString()).startsWith(server.storage().baseUrl()).doesNotStartWith(server.baseUrl());
		assertThat(get(signed.toString(), "Bearer " + KEY).statusCode()).isEqualTo(400);
		assertThat(server.storage().bearerAttempts()).isEqualTo(1);
		byte[] content = get(signed.toString(), null).body();
		assertThat((long) content.length).isEqualTo(file.get("file_size").asLong());
		assertThat(LogCatalog.LogFile.sha256(content)).isEqualTo(file.get("file_sha256").asString());
	}

	@Test
	void deliveryIsAtLeastOnce() throws Exception {
		List<JsonNode> files = files("CONVERSATION_MESSAGE");
		assertThat(files).hasSizeGreaterThan(1);
		List<JsonNode> first = lines(files.get(0));
		List<JsonNode> second = lines(files.get(1));
		assertThat(second.get(0).get("event_id")).isEqualTo(first.get(first.size() - 1).get("event_id"));
	}

	@Test
	void messagesHaveSuffixedUserIdsAndNullContent() throws Exception {
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode file : files("CONVERSATION_MESSAGE")) {
			events.addAll(lines(file));
		}
		assertThat(events).anyMatch((e) -> e.path("actor")
			.path("user_id")
			.asString()
			.endsWith("__" + SimulatorProperties.DEFAULT_WORKSPACE_ID));
		assertThat(events).anyMatch((e) -> e.path("message").path("content").isObject()
				&& e.path("message").path("content").path("value").isNull());
	}

	@Test
	void eventsHaveTheLiveShapesAndTheListersOwnKey() throws Exception {
		List<JsonNode> auth = all("AUTH_LOG");
		assertThat(auth).allMatch((e) -> !e.has("action") && e.path("action_data").has("action"));
		assertThat(auth).extracting((e) -> e.path("action_data").path("action").asString())
			.contains("login_success", "login_failed", "token_issued", "logout_success");
		assertThat(auth)
			.anyMatch((e) -> e.path("request_metadata").path("client_ip_details").path("country").asString().isEmpty());
		List<JsonNode> audit = all("AUDIT_LOG");
		Map<String, List<JsonNode>> byAction = audit.stream()
			.collect(Collectors.groupingBy((e) -> e.path("action").asString()));
		assertThat(byAction.get("USER_ROLE_UPDATED")).allMatch((e) -> e.path("action_data").has("user_id")
				&& e.path("action_data").has("new_role") && !e.path("action_data").has("old_role"));
		assertThat(byAction.get("WORKSPACE_TOGGLE_FEATURE"))
			.allMatch((e) -> e.path("action_data").path("value").isBoolean());
		assertThat(byAction).containsKey("WORKSPACE_SET_ENTERPRISE_IP_ALLOWLIST");
		assertThat(byAction.get("LIST_WORKSPACE_LOG_FILES")).anyMatch((e) -> e.path("actor")
			.path("redacted_id")
			.asString()
			.equals("sk-..." + KEY.substring(KEY.length() - 4)));
		assertThat(all("CODEX_LOG")).anyMatch((e) -> e.path("event_details").has("prompt_text"));
	}

	@Test
	void theDirectoryAgreesWithTheEvents() throws Exception {
		SimulatedWorkspace workspace = server.workspace();
		for (JsonNode event : all("AUDIT_LOG")) {
			if (event.path("action").asString().equals("USER_ROLE_UPDATED")
					&& event.path("action_result").asString().equals("SUCCESS")) {
				String id = event.path("action_data").path("user_id").asString().split("__")[0];
				SimUser user = workspace.directory.users.stream()
					.filter((u) -> u.id().equals(id))
					.findFirst()
					.orElseThrow();
				assertThat(user.role()).isEqualTo(event.path("action_data").path("new_role").asString());
			}
		}
		for (JsonNode key : workspace.admin.adminKeys) {
			if (!key.get("last_used_at").isNull()) {
				assertThat(key.get("last_used_at").asLong()).isGreaterThanOrEqualTo(key.get("created_at").asLong());
			}
		}
		workspace.admin.projectKeys.values().stream().flatMap(List::stream).forEach((key) -> {
			if (!key.get("last_used_at").isNull()) {
				assertThat(key.get("last_used_at").asLong()).isGreaterThanOrEqualTo(key.get("created_at").asLong());
			}
		});
	}

	@Test
	void aTouchedConversationComesAsANewFileWithItsOneNewMessage() throws Exception {
		SimulatorServer own = SimulatorServer.start(new SimulatedWorkspace(
				SimulatorProperties.defaults().withConversations(30).withEnforceRateLimits(false),
				SimTestSupport.CLOCK), new SimulatorFaults());
		try {
			WebTestClient client = SimTestSupport.client(own.complianceBaseUrl());
			String list = WS + "/logs?event_type=CONVERSATION_MESSAGE&after=2000-01-01T00:00:00Z&limit=100";
			int before = SimTestSupport.getJson(client, list).get("data").size();
			long messages = own.workspace().expectedCounts().messages();
			own.workspace().touchConversation(4);
			JsonNode files = SimTestSupport.getJson(client, list).get("data");
			assertThat(files).hasSize(before + 1);
			JsonNode added = files.get(files.size() - 1);
			HttpResponse<byte[]> redirect = get(own.complianceBaseUrl() + WS + "/logs/" + added.get("id").asString(),
					"Bearer " + KEY);
			List<String> lines = new String(get(redirect.headers().firstValue("location").orElseThrow(), null).body())
				.lines()
				.toList();
			assertThat(lines).hasSize(1);
			assertThat(own.workspace().expectedCounts().messages()).isEqualTo(messages + 1);
			JsonNode event = Json.MAPPER.readTree(lines.get(0));
			assertThat(event.path("conversation").path("id").asString()).isEqualTo(own.workspace().conversationId(4));
		}
		finally {
			own.close();
		}
	}

	private List<JsonNode> all(String type) throws Exception {
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode file : files(type)) {
			events.addAll(lines(file));
		}
		return events;
	}

	private List<JsonNode> files(String type) {
		List<JsonNode> files = new ArrayList<>();
		SimTestSupport.getJson(this.client, WS + "/logs?event_type=" + type + "&after=2000-01-01T00:00:00Z&limit=100")
			.get("data")
			.forEach(files::add);
		return files;
	}

	private List<JsonNode> lines(JsonNode file) throws Exception {
		HttpResponse<byte[]> redirect = get(server.complianceBaseUrl() + WS + "/logs/" + file.get("id").asString(),
				"Bearer " + KEY);
		String body = new String(get(redirect.headers().firstValue("location").orElseThrow(), null).body());
		List<JsonNode> lines = new ArrayList<>();
		body.lines().forEach((line) -> lines.add(Json.MAPPER.readTree(line)));
		return lines;
	}

	private HttpResponse<byte[]> get(String uri, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
