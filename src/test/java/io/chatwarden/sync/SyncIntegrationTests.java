package io.chatwarden.sync;

import io.chatwarden.support.SimulatorEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.PlantedSecret;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync against the simulator through real HTTP and a real OpenSearch: every record
 * copied once, through short pages, 429s, 500s, a re-delivered and a malformed
 * conversation, and a run cancelled midway.
 */
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-sync", "chatwarden.sync.enabled=false",
		"chatwarden.demo.enabled=false", "chatwarden.openai.compliance.conversation-page-size=25",
		"chatwarden.openai.compliance.list-calls-per-minute=100000",
		"chatwarden.openai.admin.list-calls-per-minute=100000", "chatwarden.openai.compliance.min-backoff=10ms",
		"chatwarden.openai.compliance.max-backoff=100ms", "chatwarden.openai.admin.min-backoff=10ms",
		"chatwarden.openai.admin.max-backoff=100ms", "chatwarden.sync.safety-margin=0s" })
@ExtendWith(OutputCaptureExtension.class)
class SyncIntegrationTests extends OpenSearchTest {

	static final String API_KEY = "sk-proj-SyncTestSecretKeyT3BlbkFJ0123456789abcdef";

	static final SimulatorServer simulator = SimulatorServer.start(new SimulatedWorkspace(SimulatorProperties.defaults()
		.withConversations(120)
		.withEnforceRateLimits(false)
		.withStatefulConversations(true), Clock.systemUTC()), new SimulatorFaults());

	@DynamicPropertySource
	static void simulatorEndpoints(DynamicPropertyRegistry registry) {
		SimulatorEndpoints.compliance(registry, simulator, () -> API_KEY);
		registry.add("chatwarden.openai.admin.base-url", simulator::adminBaseUrl);
		registry.add("chatwarden.openai.admin.api-key", () -> API_KEY);
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Autowired
	SyncService sync;

	@Autowired
	CheckpointStore checkpoints;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	IndexCounts counts;

	@BeforeEach
	void startFromAnEmptyCopy() {
		this.counts = new IndexCounts(this.client, this.indices);
		this.counts.clear(Indices.CONVERSATIONS, Indices.MESSAGES, Indices.USERS, Indices.GPTS, Indices.ADMIN_KEYS,
				Indices.PROJECTS, Indices.PROJECT_KEYS, Indices.ORG_USERS, Indices.INVITES, Indices.SYNC_STATE,
				Indices.DEAD_LETTERS);
		simulator.faults().reset();
	}

	@Test
	void shouldCopyEveryRecordOnceThroughShortPagesRateLimitsServerErrorsAndRedelivery(CapturedOutput output) {
		simulator.faults().shortPages(true).rateLimitEvery(7, 1).serverErrorEvery(5).redeliverConversation(3);
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).isNull();
		assertCopyMatches(simulator.workspace().expectedCounts(), 0);
		assertThat(status.resources()).allSatisfy(resource -> assertThat(resource.state()).isEqualTo(SyncState.DONE));
		assertThat(output.getAll()).contains("429").doesNotContain(API_KEY);
	}

	@Test
	void shouldDeadLetterAMalformedConversationAndSyncTheRest() {
		simulator.faults().malformedConversation(5);
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		// The stateful copy misses it; the Compliance Logs Platform (conversation-source
		// auto, the default, reads both where the stateful API still serves) still
		// delivers its messages.
		assertThat(this.counts.count(Indices.CONVERSATIONS)).isEqualTo(expected.conversations());
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isEqualTo(1);
		String malformedId = simulator.workspace().conversationId(5);
		assertThat(this.counts.count(Indices.DEAD_LETTERS,
				Query.of(q -> q.term(t -> t.field("sourceId").value(v -> v.stringValue(malformedId))))))
			.isEqualTo(1);
		ResourceProgressView conversations = status.resources()
			.stream()
			.filter(r -> r.resource().equals("conversations"))
			.findFirst()
			.orElseThrow();
		assertThat(conversations.failed()).isEqualTo(1);
		assertThat(conversations.state()).isEqualTo(SyncState.DONE);
	}

	@Test
	void shouldKeepPastedSecretsOutOfDeadLetters() throws Exception {
		PlantedSecret secret = simulator.workspace()
			.plantedSecrets()
			.stream()
			.filter(planted -> planted.kind() == PlantedSecret.Kind.AWS_ACCESS_KEY)
			.findFirst()
			.orElseThrow();
		int index = simulator.workspace().conversationIndex(secret.conversationId()).getAsInt();
		simulator.faults().malformedConversation(index);
		this.sync.run().block(Duration.ofMinutes(3));
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isEqualTo(1);
		String letters = this.client.search(s -> s.index(this.indices.alias(Indices.DEAD_LETTERS)), java.util.Map.class)
			.get()
			.hits()
			.hits()
			.get(0)
			.source()
			.toString();
		assertThat(letters).contains(secret.conversationId()).doesNotContain(secret.value());
	}

	@Test
	void shouldFetchOnlyUpdatedConversationsOnTheNextRun() {
		this.sync.run().block(Duration.ofMinutes(3));
		long messagesBefore = this.counts.count(Indices.MESSAGES);
		simulator.workspace().touchConversation(7);
		SyncStatus second = this.sync.run().block(Duration.ofMinutes(3));
		ResourceProgressView conversations = second.resources()
			.stream()
			.filter(r -> r.resource().equals("conversations"))
			.findFirst()
			.orElseThrow();
		assertThat(conversations.fetched()).isBetween(1L, 5L);
		assertThat(this.counts.count(Indices.CONVERSATIONS))
			.isEqualTo(simulator.workspace().expectedCounts().conversations());
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(messagesBefore + 1);
	}

	@Test
	void shouldResumeFromTheCheckpointAfterACancelledRunWithExactCounts() {
		simulator.faults().latency(Duration.ofMillis(150));
		Disposable run = this.sync.run().subscribe();
		awaitConversationCursor(Duration.ofSeconds(60));
		run.dispose();
		Checkpoint interrupted = this.checkpoints.load("conversations").block();
		assertThat(interrupted.cursor()).isNotNull();
		simulator.faults().reset();
		SyncStatus resumed = this.sync.run().block(Duration.ofMinutes(3));
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		assertCopyMatches(expected, 0);
		ResourceProgressView conversations = resumed.resources()
			.stream()
			.filter(r -> r.resource().equals("conversations"))
			.findFirst()
			.orElseThrow();
		// The resumed run started after the committed cursor instead of from the
		// beginning.
		assertThat(conversations.fetched()).isLessThan(expected.conversations());
		assertThat(this.checkpoints.load("conversations").block().cursor()).isNull();
	}

	private void awaitConversationCursor(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			Checkpoint checkpoint = this.checkpoints.load("conversations").block();
			if (checkpoint.cursor() != null) {
				return;
			}
			reactor.core.publisher.Mono.delay(Duration.ofMillis(50)).block();
		}
		throw new AssertionError("The conversation sync committed no checkpoint within " + timeout);
	}

	private void assertCopyMatches(ExpectedCounts expected, int missingConversations) {
		assertThat(this.counts.count(Indices.USERS)).isEqualTo(expected.users());
		assertThat(this.counts.count(Indices.GPTS)).isEqualTo(expected.gpts());
		assertThat(this.counts.count(Indices.CONVERSATIONS)).isEqualTo(expected.conversations() - missingConversations);
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(expected.messages());
		assertThat(this.counts.count(Indices.ADMIN_KEYS)).isEqualTo(expected.adminKeys());
		assertThat(this.counts.count(Indices.PROJECTS)).isEqualTo(expected.projects());
		assertThat(this.counts.count(Indices.PROJECT_KEYS)).isEqualTo(expected.projectKeys());
		assertThat(this.counts.count(Indices.ORG_USERS)).isEqualTo(expected.orgUsers());
		assertThat(this.counts.count(Indices.INVITES)).isEqualTo(expected.invites());
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isZero();
	}

}
