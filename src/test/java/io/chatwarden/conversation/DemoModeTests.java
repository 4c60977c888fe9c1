package io.chatwarden.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.support.FreePort;
import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-command experience: with no credentials the app serves its simulated workspace,
 * syncs it at start-up through real HTTP, and GraphQL shows exactly what the simulator
 * serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "chatwarden.simulator.conversations=60", "chatwarden.simulator.enforce-rate-limits=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoModeTests extends OpenSearchTest {

	/**
	 * Chosen when the context starts, not when the class loads, so that no other server
	 * takes it first.
	 */
	static int port;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> {
			if (port == 0) {
				port = FreePort.find();
			}
			return port;
		});
		// A fresh prefix: the start-up sync must be a first sync even on a node kept
		// between runs.
		registry.add("chatwarden.store.index-prefix", () -> "cw-demo-" + Long.toHexString(System.nanoTime()));
	}

	@Autowired
	SimulatedWorkspace workspace;

	HttpGraphQlTester graphQl;

	@BeforeEach
	void client() {
		this.graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port + "/graphql")
			.responseTimeout(Duration.ofSeconds(30))
			.build());
	}

	@BeforeAll
	void awaitStartUpSync() {
		client();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (Instant.now().isBefore(deadline)) {
			Map<String, Object> status = this.graphQl.document("{ syncStatus { running lastSuccessAt lastError } }")
				.execute()
				.path("syncStatus")
				.entity(Map.class)
				.get();
			if (status.get("lastSuccessAt") != null && !Boolean.TRUE.equals(status.get("running"))) {
				return;
			}
			Mono.delay(Duration.ofMillis(200)).block();
		}
		throw new AssertionError("The start-up sync did not finish within 2 minutes");
	}

	@Test
	void shouldShowExactlyWhatTheSimulatorServes() {
		ExpectedCounts expected = this.workspace.expectedCounts();
		// language=GraphQL
		String counts = """
				{ conversations { totalCount } users { totalCount } gpts { totalCount }
				  syncStatus { lastError resources { resource state fetched failed } } }
				""";
		var response = this.graphQl.document(counts).execute();
		response.path("conversations.totalCount").entity(Integer.class).isEqualTo(expected.conversations());
		response.path("users.totalCount").entity(Integer.class).isEqualTo(expected.users());
		response.path("gpts.totalCount").entity(Integer.class).isEqualTo(expected.gpts());
		response.path("syncStatus.lastError").valueIsNull();
		// Today's API: the stateful endpoint is retired (information, not an error), and
		// every message came through the Compliance Logs Platform (at least once).
		response.path("syncStatus.resources[?(@.resource == 'conversations')].state")
			.entityList(String.class)
			.containsExactly("RETIRED");
		response.path("syncStatus.resources[?(@.resource == 'logs')].fetched")
			.entityList(Long.class)
			.satisfies((fetched) -> assertThat(fetched.get(0)).isGreaterThanOrEqualTo(expected.messages()));
	}

	@Test
	void shouldWalkEveryConversationOnceWithSmallPages() {
		Set<String> seen = new HashSet<>();
		String after = null;
		int pages = 0;
		do {
			var page = this.graphQl
				.document("query($after: String) { conversations(first: 7, after: $after) { "
						+ "edges { node { id } } pageInfo { hasNextPage endCursor } } }")
				.variable("after", after)
				.execute();
			List<String> ids = page.path("conversations.edges[*].node.id").entityList(String.class).get();
			ids.forEach(id -> assertThat(seen.add(id)).as("conversation %s seen twice", id).isTrue());
			boolean more = page.path("conversations.pageInfo.hasNextPage").entity(Boolean.class).get();
			after = more ? page.path("conversations.pageInfo.endCursor").entity(String.class).get() : null;
			pages++;
		}
		while (after != null && pages < 100);
		assertThat(seen).hasSize(this.workspace.expectedCounts().conversations());
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldReadAConversationInOrderWithEveryMessage() {
		String id = this.workspace.conversationId(3);
		// language=GraphQL
		String query = """
				query($id: ID!) { conversation(id: $id) { id messageCount
				  messages(first: 100) { totalCount edges { node { id parentId position role text } } } } }
				""";
		var response = this.graphQl.document(query).variable("id", id).execute();
		int count = response.path("conversation.messageCount").entity(Integer.class).get();
		List<Map<String, Object>> messages = response.path("conversation.messages.edges[*].node")
			.entityList(Map.class)
			.get()
			.stream()
			.map(node -> (Map<String, Object>) node)
			.toList();
		assertThat(messages).hasSize(count);
		List<String> readSoFar = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			Map<String, Object> message = messages.get(i);
			// From the logs, a position is the seconds since the conversation started: in
			// reading order, not a dense index.
			if (i > 0) {
				assertThat(((Number) message.get("position")).intValue())
					.isGreaterThanOrEqualTo(((Number) messages.get(i - 1).get("position")).intValue());
			}
			Object parent = message.get("parentId");
			if (parent != null && i > 0) {
				assertThat(readSoFar).as("a message comes after its parent").contains((String) parent);
			}
			readSoFar.add((String) message.get("id"));
		}
	}

	@Test
	void shouldExposeSyncProgressAsMetrics() {
		String body = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.build()
			.get()
			.uri("/actuator/metrics/chatwarden.sync.records?tag=resource:logs&tag=outcome:fetched")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"COUNT\"").contains("\"value\":");
	}

	@Test
	void shouldAnswerNullForAnUnknownConversation() {
		this.graphQl.document("{ conversation(id: \"no-such-conversation\") { id } }")
			.execute()
			.path("conversation")
			.valueIsNull();
	}

	@Test
	void shouldRejectBadPagingArgumentsWithBadRequest() {
		for (String query : List.of("{ conversations(first: 0) { totalCount } }",
				"{ conversations(first: 100000) { totalCount } }", "{ users(after: \"not-a-cursor\") { totalCount } }",
				"{ gpts(after: \"W10\") { totalCount } }")) {
			this.graphQl.document(query)
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
					assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
					assertThat(error.getMessage()).isNotBlank();
				}));
		}
	}

}
