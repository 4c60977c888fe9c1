package io.chatwarden.findings;

import io.chatwarden.support.SimulatorEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.chatwarden.directory.WorkspaceUserDocument;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.TestAuthentication;
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
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event finding types end to end: the simulator (stateful API and Compliance Logs
 * Platform) synced into a real OpenSearch, evaluated by the finding evaluator, and read
 * through GraphQL. The simulator's log scenario has one positive and near-misses per type
 * (see {@code LogScenario}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
				"chatwarden.openai.compliance.list-calls-per-minute=100000", "chatwarden.findings.interval=1h",
				"server.address=127.0.0.1", TestAuthentication.PROPERTY })
@AutoConfigureHttpGraphQlTester
@Import(TestAuthentication.class)
class EventFindingsIntegrationTests extends OpenSearchTest {

	static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(60).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	/** Workspace users in the simulator's order (by id), as synced. */
	static List<WorkspaceUserDocument> users;

	static Evaluation evaluation;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		// Other worktrees may run this class against the same node at the same time.
		registry.add("chatwarden.store.index-prefix", () -> "cw-evfind-" + Long.toHexString(System.nanoTime()));
		SimulatorEndpoints.compliance(registry, simulator, () -> "sk-proj-EventFindingsTestKey0123456789");
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Autowired
	SyncService sync;

	@Autowired
	FindingScheduler scheduler;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@Autowired
	HttpGraphQlTester graphQl;

	@BeforeEach
	void syncAndEvaluateOnce() throws Exception {
		if (users != null) {
			return;
		}
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).isNull();
		evaluation = this.scheduler.evaluate().block(Duration.ofMinutes(1));
		this.client.indices().refresh(r -> r.index(this.indices.users(), this.indices.alias(FindingStore.INDEX))).get();
		users = this.client
			.search(s -> s.index(this.indices.users())
				.size(100)
				.sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), WorkspaceUserDocument.class)
			.get()
			.hits()
			.hits()
			.stream()
			.map(hit -> hit.source())
			.toList();
	}

	@Test
	void shouldEvaluateEveryEventRuleWithoutFailure() {
		assertThat(evaluation.failedRules()).isEmpty();
	}

	@Test
	void shouldFlagRolesRaisedToAdminOrOwnerButNotDemotionsOrBlockedAttempts() {
		Map<String, FindingDocument> found = open(EventTypes.USER_ROLE_RAISED);
		// Users 8 (demoted) and 9 (blocked attempt) are the near-misses.
		assertThat(found.keySet()).containsExactlyInAnyOrder(user(6).id(), user(7).id());
		assertThat(found.values()).allSatisfy(f -> {
			assertThat(f.resourceType()).isEqualTo("user");
			assertThat(f.resourceName())
				.isEqualTo(users.stream().filter(u -> u.id().equals(f.resourceId())).findFirst().orElseThrow().email());
			assertThat(f.category()).isEqualTo("events");
			assertThat(f.severity()).isEqualTo(Severity.HIGH);
		});
		assertThat(found.get(user(7).id()).detail()).contains("account-owner");
	}

	@Test
	void shouldFlagSecuritySettingsLeftOffButNotOnesTurnedBackOnOrHarmlessOnes() {
		// SCIM was turned on again; image generation is not a security setting.
		assertThat(open(EventTypes.SECURITY_SETTING_OFF).keySet()).containsExactlyInAnyOrder("enforce_sso",
				"ip_allowlist");
	}

	@Test
	void shouldFlagALoginFromANewCountryButNotAKnownOneOrAFailedLogin() {
		// User 3's CA was seen ten days ago; user 0's RU login failed.
		assertThat(open(EventTypes.LOGIN_NEW_COUNTRY).values()).singleElement().satisfies(finding -> {
			assertThat(finding.resourceId()).isEqualTo(user(1).id());
			assertThat(finding.resourceName()).isEqualTo(user(1).email());
			assertThat(finding.detail()).contains("BR");
		});
	}

	@Test
	void shouldFlagANewComplianceLogListerButNotOnesSeenBefore() {
		// User 0 listed the logs twelve days ago too.
		assertThat(open(EventTypes.LOGS_NEW_LISTER).values()).singleElement().satisfies(finding -> {
			assertThat(finding.resourceId()).isEqualTo("sk-...Zz99");
			assertThat(finding.resourceType()).isEqualTo("key");
		});
	}

	@Test
	void shouldServeEventFindingsAndTypesThroughGraphQl() {
		List<String> ids = EventTypes.ALL.stream().map(FindingType::id).toList();
		// language=GraphQL
		String document = """
				query($types: [ID!]) {
				  findings(filter: {typeIds: $types}, first: 50) {
				    totalCount
				    edges { node { typeId resourceType resourceId resourceName status type { category }
				      relatedConversations(first: 100) { totalCount } } }
				  }
				  findingTypes { id category severity resourceType remediation }
				}""";
		var response = this.graphQl.document(document).variable("types", ids).execute();
		List<Map<String, Object>> nodes = response.path("findings.edges[*].node")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(nodes.stream().map(n -> (String) n.get("typeId")).collect(Collectors.toSet()))
			.isEqualTo(Set.copyOf(ids));
		assertThat(nodes).hasSize(6).allSatisfy(n -> assertThat(n.get("status")).isEqualTo("OPEN"));
		long userConversations = 0;
		for (Map<String, Object> node : nodes) {
			long related = ((Number) ((Map<?, ?>) node.get("relatedConversations")).get("totalCount")).longValue();
			long expected = "user".equals(node.get("resourceType")) ? conversationsOf((String) node.get("resourceId"))
					: 0;
			assertThat(related).as("conversations of %s", node).isEqualTo(expected);
			userConversations += related;
		}
		// The users behind these findings have conversations: the pivot is not vacuous.
		assertThat(userConversations).isPositive();
		List<Map<String, Object>> types = response.path("findingTypes")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(
				types.stream().filter(t -> "events".equals(t.get("category"))).map(t -> (String) t.get("id")).toList())
			.containsExactlyElementsOf(ids);
		assertThat(types).filteredOn(t -> ids.contains(t.get("id")))
			.allSatisfy(t -> assertThat((String) t.get("remediation")).isNotBlank());
	}

	@Test
	void shouldKeepTheSameFindingsAcrossEvaluations() {
		Map<String, FindingDocument> before = open(EventTypes.USER_ROLE_RAISED);
		this.scheduler.evaluate().block(Duration.ofMinutes(1));
		Map<String, FindingDocument> after = open(EventTypes.USER_ROLE_RAISED);
		assertThat(after.keySet()).isEqualTo(before.keySet());
		after.forEach((resource, finding) -> {
			assertThat(finding.id()).isEqualTo(before.get(resource).id());
			assertThat(finding.firstSeenAt()).isEqualTo(before.get(resource).firstSeenAt());
			assertThat(finding.occurrences()).isGreaterThan(before.get(resource).occurrences());
		});
	}

	private WorkspaceUserDocument user(int index) {
		return users.get(index);
	}

	/** The open findings of a type, by resource id. */
	private Map<String, FindingDocument> open(String typeId) {
		try {
			this.client.indices().refresh(r -> r.index(this.indices.alias(FindingStore.INDEX))).get();
			return this.client
				.search(s -> s.index(this.indices.alias(FindingStore.INDEX))
					.size(100)
					.query(Queries.all(Queries.term("typeId", typeId), Queries.term("status", "OPEN"))),
						FindingDocument.class)
				.get()
				.hits()
				.hits()
				.stream()
				.map(hit -> hit.source())
				.collect(Collectors.toMap(FindingDocument::resourceId, f -> f));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long conversationsOf(String userId) {
		try {
			return this.client.count(c -> c.index(this.indices.conversations()).query(Queries.term("userId", userId)))
				.get()
				.count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
