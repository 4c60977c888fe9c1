package io.chatwarden.search;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.store.RawRequests;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.SharedOpenSearch;
import io.chatwarden.support.SimulatorEndpoints;
import io.chatwarden.support.TestAuthentication;
import io.chatwarden.support.WireRecorder;
import io.chatwarden.sync.SyncService;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a search costs the cluster, seen on the wire between the app and OpenSearch: a
 * first page is one search (beside it, the audit entry's write), the conversation
 * documents are read only when a field the hits lack is asked for, and a search whose
 * audit entry cannot be stored fails. The store sits behind a recording splice, so this
 * class syncs its own small workspace instead of extending {@code SimulatedCopyTest}
 * (whose store address a subclass cannot replace).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-search-trips", "chatwarden.sync.enabled=false",
				"chatwarden.demo.enabled=false", "chatwarden.findings.enabled=false", TestAuthentication.PROPERTY,
				"chatwarden.openai.compliance.list-calls-per-minute=100000",
				"chatwarden.openai.admin.list-calls-per-minute=100000" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchRoundTripTests {

	static final String PREFIX = "cw-search-trips";

	static final WireRecorder wire = new WireRecorder(URI.create(SharedOpenSearch.uri()));

	static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(40).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("opensearch.uris", wire::uri);
		SharedOpenSearch.registerCredentials(registry);
		SimulatorEndpoints.compliance(registry, simulator, () -> "sk-proj-RoundTripKey0123456789");
		registry.add("chatwarden.openai.admin.base-url", simulator::adminBaseUrl);
		registry.add("chatwarden.openai.admin.api-key", () -> "sk-proj-RoundTripKey0123456789");
	}

	@AfterAll
	static void stop() throws Exception {
		wire.close();
		simulator.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	Indices indices;

	@Autowired
	RawRequests raw;

	HttpGraphQlTester graphQl;

	@BeforeAll
	void sync(@Autowired SyncService sync, @Autowired OpenSearchAsyncClient client) {
		IndexCounts counts = new IndexCounts(client, this.indices);
		counts.clear(Indices.CONVERSATIONS, Indices.MESSAGES, Indices.SYNC_STATE);
		assertThat(sync.run().block(Duration.ofMinutes(3)).lastError()).isNull();
		assertThat(counts.count(Indices.MESSAGES)).isPositive();
		counts.count(Indices.CONVERSATIONS);
		this.graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port + "/graphql")
			.responseTimeout(Duration.ofSeconds(60))
			.defaultHeader("Authorization", "Bearer " + TestAuthentication.ADMIN_TOKEN)
			.build());
	}

	@Test
	void shouldAnswerAFirstPageWithOneSearchBesideTheAuditWrite() {
		List<String> requests = during(() -> this.graphQl
			.document("{ searchConversations(query: \"\", first: 5) { totalCount "
					+ "edges { cursor highlights node { id title userEmail userId lastActiveAt } } "
					+ "pageInfo { hasNextPage } } }")
			.execute()
			.path("searchConversations.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("searchConversations.edges[*].node.title")
			.entityList(String.class)
			.hasSize(5));
		assertThat(requests).filteredOn(request -> !request.contains(this.indices.alias("audit")))
			.containsExactly("POST /" + this.indices.messages() + "/_search");
		assertThat(requests).filteredOn(this::isAuditWrite).hasSize(1);
	}

	/**
	 * Hits carry only their conversation's fields unless the best messages are selected:
	 * the conversations read the same either way.
	 */
	@Test
	void shouldShowTheSameConversationsWhetherOrNotTheBestMessagesAreSelected() {
		String node = "node { id title userEmail userId lastActiveAt }";
		List<java.util.Map<String, Object>> lean = nodes("edges { " + node + " }");
		List<java.util.Map<String, Object>> full = nodes("edges { " + node + " matchedMessages { id text } }");
		assertThat(lean).hasSize(5).isEqualTo(full);
		assertThat(lean).allSatisfy(conversation -> assertThat(conversation)
			.containsKeys("id", "title", "userEmail", "userId", "lastActiveAt")
			.doesNotContainValue(null));
		assertThat(this.graphQl
			.document("{ searchConversations(query: \"\", first: 5) { edges { matchedMessages { id text } } } }")
			.execute()
			.path("searchConversations.edges[*].matchedMessages[*].text")
			.entityList(String.class)
			.get()).anySatisfy(text -> assertThat(text).isNotBlank());
	}

	/**
	 * Requests are timed, each GraphQL field and each security filter is not: a search
	 * page resolves one field per hit, and the security chain has a dozen filters; timing
	 * each cost more than it told.
	 */
	@Test
	void shouldTimeRequestsButNotEachFieldOrSecurityFilter(@Autowired MeterRegistry metrics) {
		nodes("edges { node { id } }");
		assertThat(metrics.find("graphql.request").timers()).isNotEmpty();
		assertThat(metrics.find("http.server.requests").timers()).isNotEmpty();
		assertThat(metrics.find("graphql.datafetcher").meters()).isEmpty();
		assertThat(metrics.find("spring.security.filterchains").meters()).isEmpty();
		assertThat(metrics.find("spring.security.authentications").meters()).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private List<java.util.Map<String, Object>> nodes(String edges) {
		return this.graphQl.document("{ searchConversations(query: \"\", first: 5) { " + edges + " } }")
			.execute()
			.path("searchConversations.edges[*].node")
			.entityList(java.util.Map.class)
			.get()
			.stream()
			.map(map -> (java.util.Map<String, Object>) map)
			.toList();
	}

	@Test
	void shouldReadConversationDocumentsOnlyForFieldsTheHitsLack() {
		List<Integer> counts = new CopyOnWriteArrayList<>();
		List<String> requests = during(() -> counts.addAll(this.graphQl
			.document("{ searchConversations(query: \"\", first: 5) { edges { node { id messageCount gptIds } } } }")
			.execute()
			.path("searchConversations.edges[*].node.messageCount")
			.entityList(Integer.class)
			.get()));
		// Counts the hits do not carry, read from the documents.
		assertThat(counts).hasSize(5).allSatisfy(count -> assertThat(count).isPositive());
		// One read of the five documents together, beside the one search (the recorder
		// keeps each connection's requests together, so not their order).
		assertThat(requests).filteredOn(request -> !request.contains(this.indices.alias("audit")))
			.containsExactlyInAnyOrder("POST /" + this.indices.messages() + "/_search",
					"POST /" + this.indices.conversations() + "/_mget");
	}

	@Test
	void shouldFailASearchWhoseAuditEntryCannotBeStored() {
		String audit = this.indices.alias("audit");
		this.raw.send("PUT", "/" + audit + "/_settings", "{\"index.blocks.write\": true}")
			.block(Duration.ofSeconds(30))
			.orFail("Blocking audit writes");
		try {
			this.graphQl.document("{ searchConversations(query: \"\", first: 5) { totalCount } }")
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).isNotEmpty());
		}
		finally {
			this.raw.send("PUT", "/" + audit + "/_settings", "{\"index.blocks.write\": null}")
				.block(Duration.ofSeconds(30))
				.orFail("Unblocking audit writes");
		}
		this.graphQl.document("{ searchConversations(query: \"\", first: 5) { totalCount } }")
			.execute()
			.path("searchConversations.totalCount")
			.entity(Integer.class)
			.satisfies(total -> assertThat(total).isPositive());
	}

	/** The requests of this class's store (method and path) sent while the work ran. */
	private List<String> during(Runnable work) {
		wire.takeRequests();
		wire.record(true);
		try {
			work.run();
		}
		finally {
			wire.record(false);
		}
		return wire.takeRequests()
			.stream()
			.map(request -> request.method() + " " + request.path().replaceFirst("\\?.*", ""))
			.filter(request -> request.contains(PREFIX) || request.contains("_search") || request.contains("_mget"))
			.toList();
	}

	private boolean isAuditWrite(String request) {
		return request.contains(this.indices.alias("audit")) && request.contains("/_create/");
	}

}
