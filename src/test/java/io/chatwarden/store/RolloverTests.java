package io.chatwarden.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.chatwarden.archive.SnapshotView;
import io.chatwarden.archive.Snapshots;
import io.chatwarden.lease.Leases;
import io.chatwarden.simulator.Needle;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.SimulatorEndpoints;
import io.chatwarden.support.TestAuthentication;
import io.chatwarden.sync.SyncService;
import io.chatwarden.sync.SyncStatus;
import io.chatwarden.store.TimePartitions.Generation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollover with a small document threshold: messages and events move on to a new
 * generation, a re-delivered conversation still replaces its old copies (no doubles), new
 * documents land in the new generation, and search and findings see both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
				"chatwarden.findings.enabled=false", "chatwarden.store.rollover.max-docs=100",
				"chatwarden.openai.compliance.list-calls-per-minute=100000", TestAuthentication.PROPERTY })
@AutoConfigureHttpGraphQlTester
@Import(TestAuthentication.class)
class RolloverTests extends OpenSearchTest {

	static final String PREFIX = "cw-rollover-" + Long.toHexString(System.nanoTime());

	static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(60).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.store.index-prefix", () -> PREFIX);
		SimulatorEndpoints.compliance(registry, simulator, () -> "rollover-test-key");
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Autowired
	SyncService sync;

	@Autowired
	TimePartitions partitions;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@Autowired
	HttpGraphQlTester graphQl;

	@Autowired
	Leases leases;

	@Autowired
	Snapshots snapshots;

	@Autowired
	MeterRegistry metrics;

	@BeforeEach
	void patientClient() {
		// An evaluation over a busy machine takes longer than the default 5 s.
		this.graphQl = this.graphQl.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofMinutes(2)))
			.build();
	}

	@Test
	void documentsRollOverWithoutDoublesAndStayVisible() {
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		assertThat(this.sync.run().block(Duration.ofMinutes(3)).lastError()).isNull();
		long messagesBefore = counts.count(Indices.MESSAGES);
		assertThat(messagesBefore).isEqualTo(simulator.workspace().expectedCounts().messages()).isGreaterThan(100);
		int dlpFindingsBefore = evaluateAndCountDlpFindings();
		assertThat(dlpFindingsBefore).isPositive();

		this.partitions.rollover().block(Duration.ofMinutes(1));
		List<Generation> generations = this.partitions.generations(Indices.MESSAGES).block();
		assertThat(generations).as("rolled over at 100 documents").hasSize(2);
		assertThat(this.partitions.generations(Indices.EVENTS).block()).hasSizeGreaterThanOrEqualTo(1);

		// Old conversations come again (one with a new message), and new ones arrive.
		simulator.workspace().touchConversation(0);
		simulator.workspace().touchConversation(1);
		simulator.workspace().addConversations(3);
		SyncStatus second = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(second.lastError()).isNull();

		assertThat(counts.count(Indices.MESSAGES)).as("every message once, across both generations")
			.isEqualTo(simulator.workspace().expectedCounts().messages());
		assertThat(counts.count(Indices.CONVERSATIONS))
			.isEqualTo(simulator.workspace().expectedCounts().conversations());
		long newer = countIndex(generations.get(1).index());
		assertThat(newer).as("new messages went to the new generation").isPositive();
		assertThat(countIndex(generations.get(0).index()) + newer)
			.isEqualTo(simulator.workspace().expectedCounts().messages());

		for (Needle needle : simulator.workspace().needles()) {
			List<String> found = this.graphQl
				.document("query($q: String!) { searchConversations(query: $q, first: 100) { edges { node { id } } } }")
				.variable("q", "\"" + needle.phrase() + "\"")
				.execute()
				.path("searchConversations.edges[*].node.id")
				.entityList(String.class)
				.get();
			assertThat(found).as(needle.phrase()).containsExactlyInAnyOrderElementsOf(needle.conversationIds());
		}
		assertThat(evaluateAndCountDlpFindings()).as("findings read every generation")
			.isGreaterThanOrEqualTo(dlpFindingsBefore);
	}

	@Test
	void theLastSnapshotAndTheLeaseHoldersShowInSyncStatusAndMetrics() {
		this.leases.runExclusive(Leases.SYNC, Duration.ZERO, Mono.just("ran")).block(Duration.ofSeconds(30));
		SnapshotView taken = this.snapshots.take().block(Duration.ofMinutes(2));
		assertThat(taken.state()).isEqualTo("SUCCESS");
		assertThat(taken.indices()).isPositive();

		var status = this.graphQl.document("""
				{ syncStatus { leases { name holder lastCompletedBy } lastSnapshot { name state indices } } }""")
			.execute();
		status.path("syncStatus.lastSnapshot.name").entity(String.class).isEqualTo(taken.name());
		status.path("syncStatus.lastSnapshot.state").entity(String.class).isEqualTo("SUCCESS");
		status.path("syncStatus.leases[?(@.name == 'sync')].lastCompletedBy")
			.entityList(String.class)
			.containsExactly(this.leases.instanceId());
		assertThat(this.metrics.get("chatwarden.snapshot.last.success").gauge().value()).isEqualTo(1.0);
		assertThat(this.metrics.get("chatwarden.snapshot.last.finished").gauge().value()).isPositive();
	}

	private int evaluateAndCountDlpFindings() {
		this.graphQl.document("mutation { evaluateFindings { id } }").execute().path("evaluateFindings.id").hasValue();
		String findings = this.indices.alias("findings");
		try {
			this.client.indices().refresh(r -> r.index(findings)).get();
			return (int) this.client
				.count(c -> c.index(findings).query(q -> q.prefix(p -> p.field("typeId").value("dlp-"))))
				.get()
				.count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long countIndex(String index) {
		try {
			this.client.indices().refresh(r -> r.index(index)).get();
			return this.client.count(c -> c.index(index)).get().count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
