package io.chatwarden.events;

import io.chatwarden.support.SimulatorEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.chatwarden.directory.WorkspaceUserDocument;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.TestAuthentication;
import org.springframework.context.annotation.Import;
import io.chatwarden.sync.SyncService;
import io.chatwarden.sync.SyncStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.SortOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events from the simulated Compliance Logs Platform: the GraphQL events and timeline
 * queries, against a real OpenSearch. The findings computed from events are tested with
 * the other findings ({@code EventFindingsIntegrationTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-events", "chatwarden.sync.enabled=false",
				"chatwarden.demo.enabled=false", "chatwarden.openai.compliance.list-calls-per-minute=100000",
				"server.address=127.0.0.1", TestAuthentication.PROPERTY })
@AutoConfigureHttpGraphQlTester
@Import(TestAuthentication.class)
class EventsIntegrationTests extends OpenSearchTest {

	static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(20).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	static List<String> emails;

	@DynamicPropertySource
	static void simulatorEndpoints(DynamicPropertyRegistry registry) {
		SimulatorEndpoints.compliance(registry, simulator, () -> "sk-proj-EventsTestKey0123456789");
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Autowired
	SyncService sync;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@Autowired
	HttpGraphQlTester graphQl;

	@BeforeEach
	void syncOnce() throws Exception {
		if (emails != null) {
			return;
		}
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).isNull();
		this.client.indices().refresh(r -> r.index(this.indices.alias(Indices.EVENTS), this.indices.users())).get();
		emails = this.client.search(
				s -> s.index(this.indices.users()).size(20).sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))),
				WorkspaceUserDocument.class)
			.get()
			.hits()
			.hits()
			.stream()
			.map(hit -> hit.source().email())
			.toList();
	}

	@Test
	void shouldSearchEventsByTypeActorAndTime() {
		// language=GraphQL
		String query = """
				query($actors: [String!]) {
				  events(filter: {types: ["AUDIT_LOG"], actors: $actors, from: "2000-01-01T00:00:00Z"}, first: 5) {
				    totalCount
				    edges { node { id type action actor data } }
				    pageInfo { hasNextPage endCursor }
				  }
				}""";
		this.graphQl.document(query)
			.variable("actors", List.of("sk-...Zz99"))
			.execute()
			.path("events.totalCount")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("events.edges[0].node.action")
			.entity(String.class)
			.isEqualTo("LIST_WORKSPACE_LOG_FILES")
			.path("events.edges[0].node.data")
			.entity(String.class)
			.satisfies(data -> assertThat(data).contains("\"redacted_id\":\"sk-...Zz99\""));
	}

	@Test
	void shouldShowAUsersConversationsAndEventsNewestFirstAcrossPages() {
		// language=GraphQL
		String query = """
				query($email: String!, $after: String) {
				  userTimeline(email: $email, first: 7, after: $after) {
				    totalCount
				    edges { cursor node { at kind conversation { id } event { id type } } }
				    pageInfo { hasNextPage endCursor }
				  }
				}""";
		String email = emails.get(1);
		var first = this.graphQl.document(query).variable("email", email).execute();
		int total = first.path("userTimeline.totalCount").entity(Integer.class).get();
		assertThat(total).isGreaterThan(7);
		List<String> kinds = first.path("userTimeline.edges[*].node.kind").entityList(String.class).get();
		assertThat(kinds).contains("EVENT");
		String cursor = first.path("userTimeline.pageInfo.endCursor").entity(String.class).get();
		List<Instant> firstTimes = first.path("userTimeline.edges[*].node.at").entityList(Instant.class).get();
		List<Instant> nextTimes = this.graphQl.document(query)
			.variable("email", email)
			.variable("after", cursor)
			.execute()
			.path("userTimeline.edges[*].node.at")
			.entityList(Instant.class)
			.get();
		assertThat(firstTimes).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(nextTimes).isNotEmpty().allSatisfy(at -> assertThat(at).isBeforeOrEqualTo(firstTimes.getLast()));
	}

}
