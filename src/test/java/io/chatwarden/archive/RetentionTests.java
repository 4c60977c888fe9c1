package io.chatwarden.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.chatwarden.lease.Leases;
import io.chatwarden.simulator.Needle;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.store.TimePartitions;
import io.chatwarden.store.TimePartitions.Generation;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.MovableClock;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.SimulatorEndpoints;
import io.chatwarden.support.TestAuthentication;
import io.chatwarden.sync.SyncService;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch.core.search.Hit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention against the real cluster, its clock moved instead of waiting: keep-forever
 * (the default) and a legal hold delete nothing however old the data; a retention deletes
 * the generations whose documents are all older (search and findings then no longer see
 * them) and keeps the newest; it does not delete while a sync holds the sync lease.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
				"chatwarden.findings.enabled=false", "chatwarden.archive.snapshot.enabled=false",
				"chatwarden.store.rollover.max-docs=100", "chatwarden.archive.retention=400d",
				"chatwarden.archive.legal-hold=true", "chatwarden.openai.compliance.list-calls-per-minute=100000",
				TestAuthentication.PROPERTY })
@AutoConfigureHttpGraphQlTester
@Import(TestAuthentication.class)
class RetentionTests extends OpenSearchTest {

	static final String PREFIX = "cw-retention-" + Long.toHexString(System.nanoTime());

	static final Duration KEEP = Duration.ofDays(400);

	static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(40).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	/** The clock of the retention runs; the application's own is the system clock. */
	final MovableClock clock = new MovableClock(Instant.now());

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.store.index-prefix", () -> PREFIX);
		SimulatorEndpoints.compliance(registry, simulator, () -> "retention-test-key");
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
	Retention configured;

	@Autowired
	ArchiveProperties properties;

	@Autowired
	Leases leases;

	@Autowired
	MeterRegistry metrics;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@Autowired
	HttpGraphQlTester graphQl;

	@Test
	void onlyGenerationsOlderThanTheRetentionGoAndNothingUnderLegalHoldOrByDefault() {
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		assertThat(this.sync.run().block(Duration.ofMinutes(3)).lastError()).isNull();
		this.partitions.rollover().block(Duration.ofMinutes(1));
		int oldConversations = simulator.workspace().conversationCount();
		simulator.workspace().addConversations(3);
		assertThat(this.sync.run().block(Duration.ofMinutes(3)).lastError()).isNull();
		Set<String> newConversations = new HashSet<>();
		IntStream.range(oldConversations, simulator.workspace().conversationCount())
			.forEach(i -> newConversations.add(simulator.workspace().conversationId(i)));

		List<Generation> messages = this.partitions.current(Indices.MESSAGES).block();
		assertThat(messages).as("rolled over at 100 messages").hasSize(2);
		long allMessages = counts.count(Indices.MESSAGES);
		long newerMessages = countIndex(messages.get(1).index());
		assertThat(allMessages).isEqualTo(simulator.workspace().expectedCounts().messages());
		assertThat(newerMessages).as("the new conversations' messages").isPositive().isLessThan(allMessages);
		evaluateFindings();
		assertThat(openDlpConversations()).as("findings on the old conversations")
			.isNotEmpty()
			.anyMatch(id -> !newConversations.contains(id));

		// Long after the newest old message: everything before the new generation is
		// beyond the retention.
		this.clock.advance(KEEP.plus(Duration.ofDays(30)));

		ArchiveProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("chatwarden.archive", ArchiveProperties.class);
		assertThat(defaults.retention()).as("keep forever by default").isNull();
		assertThat(defaults.legalHold()).isFalse();
		assertThat(retention(defaults).apply().block().outcome()).isEqualTo(RetentionRun.Outcome.KEEP_FOREVER);
		assertThat(this.partitions.current(Indices.MESSAGES).block()).isEqualTo(messages);

		assertThat(this.properties.legalHold()).isTrue();
		assertThat(this.configured.apply().block().outcome()).isEqualTo(RetentionRun.Outcome.LEGAL_HOLD);
		assertThat(this.partitions.current(Indices.MESSAGES).block()).isEqualTo(messages);
		assertThat(counts.count(Indices.MESSAGES)).isEqualTo(allMessages);
		var status = this.graphQl.document("{ syncStatus { retention { keepFor legalHold deletesBefore keptSince } } }")
			.execute();
		status.path("syncStatus.retention.keepFor").entity(String.class).isEqualTo("P400D");
		status.path("syncStatus.retention.legalHold").entity(Boolean.class).isEqualTo(true);
		status.path("syncStatus.retention.deletesBefore").valueIsNull();
		status.path("syncStatus.retention.keptSince").valueIsNull();
		assertThat(this.metrics.get("chatwarden.retention.legal.hold").gauge().value()).isEqualTo(1.0);

		Retention lifted = retention(new ArchiveProperties(KEEP, false, this.properties.snapshot()));
		RetentionRun whileSyncing = this.leases.runExclusive(Leases.SYNC, Duration.ZERO, lifted.apply())
			.block(Duration.ofMinutes(1));
		assertThat(whileSyncing.outcome()).as("never while a sync writes").isEqualTo(RetentionRun.Outcome.SYNC_RUNNING);
		assertThat(this.partitions.current(Indices.MESSAGES).block()).isEqualTo(messages);

		RetentionRun applied = lifted.apply().block(Duration.ofMinutes(1));
		assertThat(applied.outcome()).isEqualTo(RetentionRun.Outcome.APPLIED);
		assertThat(applied.deleted()).contains(messages.get(0).index()).doesNotContain(messages.get(1).index());
		assertThat(this.partitions.current(Indices.MESSAGES).block()).containsExactly(messages.get(1));
		assertThat(counts.count(Indices.MESSAGES)).as("the newer generation stays whole").isEqualTo(newerMessages);
		assertThat(this.metrics.get("chatwarden.retention.deleted").counter().count())
			.isEqualTo(applied.deleted().size());
		assertThat(lifted.apply().block(Duration.ofMinutes(1)).deleted()).as("the next run (on any instance)")
			.isEmpty();
		this.partitions.delete(messages.get(0)).block(Duration.ofMinutes(1));

		for (Needle needle : simulator.workspace().needles()) {
			List<String> found = this.graphQl
				.document("query($q: String!) { searchConversations(query: $q, first: 100) { edges { node { id } } } }")
				.variable("q", "\"" + needle.phrase() + "\"")
				.execute()
				.path("searchConversations.edges[*].node.id")
				.entityList(String.class)
				.get();
			assertThat(newConversations).as("search finds only kept messages: " + needle.phrase()).containsAll(found);
			assertThat(found).containsExactlyInAnyOrderElementsOf(
					needle.conversationIds().stream().filter(newConversations::contains).toList());
		}
		evaluateFindings();
		assertThat(newConversations).as("findings on deleted messages are resolved")
			.containsAll(openDlpConversations());
		String keptSince = this.graphQl.document("{ syncStatus { retention { keptSince } } }")
			.execute()
			.path("syncStatus.retention.keptSince")
			.entity(String.class)
			.get();
		assertThat(Instant.parse(keptSince)).as("the start of the oldest kept generation")
			.isAfterOrEqualTo(messages.get(1).from());
	}

	private Retention retention(ArchiveProperties properties) {
		return new Retention(this.partitions, properties, this.clock, this.leases, this.metrics);
	}

	private void evaluateFindings() {
		this.graphQl.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofMinutes(2)))
			.build()
			.document("mutation { evaluateFindings { id } }")
			.execute()
			.path("evaluateFindings.id")
			.hasValue();
	}

	/** The conversations of open DLP findings on messages. */
	@SuppressWarnings("rawtypes")
	private Set<String> openDlpConversations() {
		String findings = this.indices.alias("findings");
		try {
			this.client.indices().refresh(r -> r.index(findings)).get();
			List<Hit<Map>> hits = this.client.search(
					s -> s.index(findings)
						.size(1000)
						.query(q -> q.bool(b -> b.filter(f -> f.prefix(p -> p.field("typeId").value("dlp-")))
							.filter(f -> f.term(t -> t.field("status").value(v -> v.stringValue("OPEN"))))
							.filter(f -> f
								.term(t -> t.field("resourceType").value(v -> v.stringValue("conversation")))))),
					Map.class)
				.get()
				.hits()
				.hits();
			Set<String> ids = new HashSet<>();
			hits.forEach(hit -> ids.add((String) hit.source().get("resourceId")));
			return ids;
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
