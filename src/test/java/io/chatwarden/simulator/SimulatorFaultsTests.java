package io.chatwarden.simulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorFaultsTests {

	private SimulatorServer server = SimulatorServer.start(SimTestSupport.workspace(), new SimulatorFaults());

	private WebTestClient client = SimTestSupport.client(this.server.complianceBaseUrl());

	private final String users = "/compliance/workspaces/" + SimulatorProperties.DEFAULT_WORKSPACE_ID + "/users";

	private final String conversations = "/compliance/workspaces/" + SimulatorProperties.DEFAULT_WORKSPACE_ID
			+ "/conversations";

	@AfterEach
	void close() {
		this.server.close();
	}

	private WebTestClient.ResponseSpec get(String uri) {
		return this.client.get().uri(uri).header("Authorization", SimTestSupport.TOKEN).exchange();
	}

	@Test
	void everyNthRequestIsRateLimitedWithRetryAfter() {
		this.server.faults().rateLimitEvery(3, 7);
		get(this.users).expectStatus().isOk();
		get(this.users).expectStatus().isOk();
		get(this.users).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.valueEquals("Retry-After", "7")
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("rate_limit_exceeded");
		get(this.users).expectStatus().isOk();
	}

	@Test
	void everyNthRequestFailsWith500() {
		this.server.faults().serverErrorEvery(2);
		get(this.users).expectStatus().isOk();
		get(this.users).expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		this.server.faults().reset();
		get(this.users).expectStatus().isOk();
		get(this.users).expectStatus().isOk();
	}

	@Test
	void latencyDelaysResponses() {
		this.server.faults().latency(Duration.ofMillis(300));
		long start = System.nanoTime();
		get(this.users).expectStatus().isOk();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void malformedConversationsAreServedBroken() {
		this.server.faults().malformedConversation(4).malformedConversation(5);
		JsonNode page = SimTestSupport.getJson(this.client, this.conversations + "?limit=10");
		assertThat(page.get("data").get(4).get("messages").asString()).isEqualTo("oops");
		assertThat(page.get("data").get(5).get("created_at").asString()).isEqualTo("yesterday");
		assertThat(page.get("data").get(3).get("messages").isObject()).isTrue();
	}

	@Test
	void redeliveredConversationComesAgainOnALaterPage() {
		SimulatedWorkspace workspace = this.server.workspace();
		this.server.faults().redeliverConversation(12);
		List<JsonNode> pages = SimTestSupport.allPages(this.client, this.conversations + "?limit=10");
		List<String> ids = SimTestSupport.ids(pages);
		String redelivered = workspace.conversationId(12);
		assertThat(ids.stream().filter(redelivered::equals).count()).isGreaterThanOrEqualTo(2);
		assertThat(ids.stream().distinct().count()).isEqualTo(400);
		int firstPage = -1;
		int laterPage = -1;
		for (int p = 0; p < pages.size(); p++) {
			for (JsonNode c : pages.get(p).get("data")) {
				if (c.get("id").asString().equals(redelivered)) {
					if (firstPage < 0) {
						firstPage = p;
					}
					else {
						laterPage = p;
					}
				}
			}
		}
		assertThat(laterPage).isGreaterThan(firstPage);
	}

	@Test
	void shortPagesCanBeSwitchedOff() {
		this.server.faults().shortPages(false);
		List<JsonNode> pages = SimTestSupport.allPages(this.client, this.users + "?limit=7");
		for (int p = 0; p < pages.size() - 1; p++) {
			assertThat(pages.get(p).get("data")).hasSize(7);
		}
	}

	@Test
	void faultsSwitchOverHttp() {
		this.client.post()
			.uri(this.server.baseUrl() + "/simulator/_faults")
			.header("Content-Type", "application/json")
			.bodyValue("{\"serverErrorEvery\":1,\"shortPages\":false,\"malformedConversations\":[2]}")
			.exchange()
			.expectStatus()
			.isOk();
		get(this.users).expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		this.client.post()
			.uri(this.server.baseUrl() + "/simulator/_faults")
			.header("Content-Type", "application/json")
			.bodyValue("{\"reset\":true}")
			.exchange()
			.expectStatus()
			.isOk();
		get(this.users).expectStatus().isOk();
		assertThat(this.server.faults().isMalformed(2)).isFalse();
	}

	@Test
	void documentedRateLimitsAreEnforcedPerEndpointAndKey() {
		this.server.close();
		this.server = SimulatorServer
			.start(new SimulatedWorkspace(SimulatorProperties.defaults().withStatefulConversations(true),
					SimTestSupport.CLOCK), new SimulatorFaults());
		this.client = SimTestSupport.client(this.server.complianceBaseUrl());
		for (int i = 0; i < RateLimiter.LIST_PER_MINUTE; i++) {
			get(this.users + "?limit=1").expectStatus().isOk();
		}
		get(this.users + "?limit=1").expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists("Retry-After");
		// Another endpoint, and another key, have their own budgets.
		get(this.conversations + "?limit=1").expectStatus().isOk();
		this.client.get()
			.uri(this.users + "?limit=1")
			.header("Authorization", "Bearer sk-other")
			.exchange()
			.expectStatus()
			.isOk();
	}

}
