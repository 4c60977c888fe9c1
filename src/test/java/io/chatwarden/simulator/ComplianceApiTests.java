package io.chatwarden.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ComplianceApiTests {

	private final SimulatorServer server = SimulatorServer.start(SimTestSupport.workspace(), new SimulatorFaults());

	private final WebTestClient client = SimTestSupport.client(this.server.complianceBaseUrl());

	private final String ws = "/compliance/workspaces/" + SimulatorProperties.DEFAULT_WORKSPACE_ID;

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void usersPageThroughShortPagesExactlyOnceInAscendingOrder() {
		List<JsonNode> pages = SimTestSupport.allPages(this.client, this.ws + "/users?limit=7");
		List<String> ids = SimTestSupport.ids(pages);
		assertThat(ids).hasSize(60).doesNotHaveDuplicates().isSorted();
		assertThat(pages).anyMatch((p) -> p.get("data").size() < 7 && p.get("has_more").asBoolean());
		JsonNode user = pages.get(0).get("data").get(0);
		assertThat(user.get("object").asString()).isEqualTo("compliance.workspace.user");
		assertThat(user.get("created_at").isNumber()).isTrue();
		assertThat(pages.get(0).get("object").asString()).isEqualTo("list");
	}

	@Test
	void gptsAndConfigsAreServedWithTheirShapes() {
		List<String> ids = SimTestSupport.ids(SimTestSupport.allPages(this.client, this.ws + "/gpts?limit=5"));
		assertThat(ids).hasSize(24).doesNotHaveDuplicates().isSorted();
		JsonNode gpt = SimTestSupport.getJson(this.client, this.ws + "/gpts/" + ids.get(0));
		assertThat(gpt.get("object").asString()).isEqualTo("compliance.workspace.gpt");
		assertThat(gpt.get("sharing").get("object").asString()).isEqualTo("compliance.workspace.gpt.sharing");
		JsonNode config = gpt.get("latest_config").get("data").get(0);
		assertThat(config.get("object").asString()).isEqualTo("compliance.workspace.gpt.configuration");
		assertThat(config.get("tools").get("object").asString()).isEqualTo("list");
		JsonNode configs = SimTestSupport.getJson(this.client, this.ws + "/gpts/" + ids.get(0) + "/configs");
		assertThat(configs.get("data").get(0).get("id").asString()).isEqualTo(config.get("id").asString());
		this.client.get()
			.uri(this.ws + "/gpts/g-doesnotexist")
			.header("Authorization", SimTestSupport.TOKEN)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void gptLosingAToolShowsUpAsANewLatestConfig() {
		String id = this.server.workspace().gptIds().get(0);
		this.server.workspace().setGptTools(id, List.of("browser"));
		this.server.workspace().setGptVisibility(id, "gpt-store");
		JsonNode gpt = SimTestSupport.getJson(this.client, this.ws + "/gpts/" + id + "?file_format=id");
		JsonNode tools = gpt.get("latest_config").get("data").get(0).get("tools").get("data");
		assertThat(tools).hasSize(1);
		assertThat(tools.get(0).get("type").asString()).isEqualTo("browser");
		assertThat(gpt.get("sharing").get("visibility").asString()).isEqualTo("gpt-store");
	}

	@Test
	void conversationsPageThroughEveryRecordExactlyOnce() {
		List<JsonNode> pages = SimTestSupport.allPages(this.client, this.ws + "/conversations?limit=37");
		List<String> ids = SimTestSupport.ids(pages);
		assertThat(ids).hasSize(400).doesNotHaveDuplicates();
		assertThat(pages).anyMatch((p) -> p.get("data").size() < 37 && p.get("has_more").asBoolean());
		long messages = pages.stream()
			.flatMap((p) -> p.get("data").valueStream())
			.mapToLong((c) -> c.get("messages").get("data").size())
			.sum();
		assertThat(messages).isEqualTo(this.server.workspace().expectedCounts().messages());
		JsonNode c = pages.get(0).get("data").get(0);
		assertThat(c.get("object").asString()).isEqualTo("compliance.workspace.conversation");
		assertThat(c.get("workspace_id").asString()).isEqualTo(SimulatorProperties.DEFAULT_WORKSPACE_ID);
	}

	@Test
	void sinceTimestampKeepsLaterUpdatesAndCannotBeCombinedWithAfter() {
		SimulatedWorkspace workspace = this.server.workspace();
		long since = workspace.generatedAt().minusSeconds(30L * 24 * 3600).getEpochSecond();
		List<String> recent = SimTestSupport
			.ids(SimTestSupport.allPages(this.client, this.ws + "/conversations?limit=50&since_timestamp=" + since));
		assertThat(recent).isNotEmpty().hasSizeLessThan(400).doesNotHaveDuplicates();
		// The tail of the listing: ordering is by update time, ascending.
		assertThat(recent.get(recent.size() - 1)).isEqualTo(workspace.conversationId(399));
		this.client.get()
			.uri(this.ws + "/conversations?since_timestamp=" + since + "&after=" + workspace.conversationId(5))
			.header("Authorization", SimTestSupport.TOKEN)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.param")
			.isEqualTo("since_timestamp");
	}

	@Test
	void touchedConversationIsRedeliveredWithOneMoreMessage() {
		SimulatedWorkspace workspace = this.server.workspace();
		String id = workspace.conversationId(10);
		int before = messagesOf(SimTestSupport.getJson(this.client, this.ws + "/conversations?limit=500"), id);
		long since = workspace.generatedAt().getEpochSecond();
		JsonNode none = SimTestSupport.getJson(this.client, this.ws + "/conversations?since_timestamp=" + since);
		assertThat(none.get("data")).isEmpty();
		workspace.touchConversation(10);
		workspace.addConversations(2);
		JsonNode page = SimTestSupport.getJson(this.client, this.ws + "/conversations?since_timestamp=" + since);
		assertThat(SimTestSupport.ids(List.of(page))).containsExactly(id, workspace.conversationId(400),
				workspace.conversationId(401));
		assertThat(messagesOf(page, id)).isEqualTo(before + 1);
		assertThat(workspace.expectedCounts().conversations()).isEqualTo(402);
		List<String> all = SimTestSupport
			.ids(SimTestSupport.allPages(this.client, this.ws + "/conversations?limit=100"));
		assertThat(all).hasSize(402)
			.doesNotHaveDuplicates()
			.endsWith(id, workspace.conversationId(400), workspace.conversationId(401));
	}

	private static int messagesOf(JsonNode page, String conversationId) {
		for (JsonNode c : page.get("data")) {
			if (c.get("id").asString().equals(conversationId)) {
				return c.get("messages").get("data").size();
			}
		}
		throw new AssertionError("conversation not on page: " + conversationId);
	}

	@Test
	void usersFilterAndFileFormat() {
		String user = this.server.workspace().userIds().get(3);
		List<JsonNode> pages = SimTestSupport.allPages(this.client,
				this.ws + "/conversations?limit=20&file_format=id&users=" + user);
		Set<String> owners = new HashSet<>();
		for (JsonNode p : pages) {
			for (JsonNode c : p.get("data")) {
				owners.add(c.get("user_id").asString());
				for (JsonNode m : c.get("messages").get("data")) {
					for (JsonNode f : m.get("files").get("data")) {
						assertThat(f.get("object").asString())
							.isEqualTo("compliance.workspace.conversation.message.file_info");
						assertThat(f.has("download_url")).isFalse();
					}
				}
			}
		}
		assertThat(owners).containsOnly(user);
		JsonNode withUrls = SimTestSupport.getJson(this.client, this.ws + "/conversations?limit=500");
		assertThat(withUrls.toString()).contains("\"download_url\":\"https://");
		String ids = SimTestSupport.getJson(this.client, this.ws + "/conversations?limit=500&file_format=id")
			.toString();
		assertThat(ids).contains("compliance.workspace.conversation.message.file_info").doesNotContain("download_url");
	}

	@Test
	void plantedSecretsAreInTheServedText() {
		String body = SimTestSupport.getJson(this.client, this.ws + "/conversations?limit=500").toString();
		for (PlantedSecret s : this.server.workspace().plantedSecrets()) {
			String escaped = Json.MAPPER.writeValueAsString(s.value());
			assertThat(body).contains(escaped.substring(1, escaped.length() - 1));
		}
	}

	@Test
	void authAndUnknownWorkspace() {
		this.client.get()
			.uri(this.ws + "/users")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error.message")
			.exists()
			.jsonPath("$.error.type")
			.exists();
		this.client.get()
			.uri(this.ws + "/users")
			.header("Authorization", "Bearer sk-no-scope")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/compliance/workspaces/00000000-0000-0000-0000-000000000000/users")
			.header("Authorization", SimTestSupport.TOKEN)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error.message")
			.exists();
		this.client.get()
			.uri(this.ws + "/conversations?after=not-a-conversation")
			.header("Authorization", SimTestSupport.TOKEN)
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

}
