package io.chatwarden.sync;

import io.chatwarden.support.SimulatorEndpoints;
import java.time.Clock;
import java.time.Duration;

import io.chatwarden.simulator.ExpectedCounts;
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
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compliance Logs Platform sync against the simulator, through real HTTP (307 to JSON
 * Lines) and a real OpenSearch, merged with the stateful conversation sync.
 */
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-logs", "chatwarden.sync.enabled=false",
		"chatwarden.demo.enabled=false", "chatwarden.openai.compliance.list-calls-per-minute=100000",
		"chatwarden.openai.compliance.min-backoff=10ms", "chatwarden.openai.compliance.max-backoff=100ms",
		"chatwarden.sync.logs.page-size=3", "chatwarden.sync.logs.file-attempts=2",
		// A broken download is retried by time: a short budget, so that a file that stays
		// broken fails the run quickly.
		"chatwarden.sync.recovery.download-min-backoff=10ms", "chatwarden.sync.recovery.download-max-backoff=50ms",
		"chatwarden.sync.recovery.download-max-wait=1s",
		// One download at a time: the fault counters then hit the files in order.
		"chatwarden.sync.logs.concurrency=1" })
class LogsSyncIntegrationTests extends OpenSearchTest {

	static final SimulatorServer simulator = SimulatorServer.start(new SimulatedWorkspace(SimulatorProperties.defaults()
		.withConversations(90)
		.withEnforceRateLimits(false)
		.withStatefulConversations(true), Clock.systemUTC()), new SimulatorFaults());

	@DynamicPropertySource
	static void simulatorEndpoints(DynamicPropertyRegistry registry) {
		SimulatorEndpoints.compliance(registry, simulator, () -> "sk-proj-LogsTestKey0123456789");
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

	IndexCounts counts;

	@BeforeEach
	void startFromAnEmptyCopy() {
		this.counts = new IndexCounts(this.client, this.indices);
		this.counts.clear(Indices.CONVERSATIONS, Indices.MESSAGES, Indices.USERS, Indices.GPTS, Indices.EVENTS,
				Indices.SYNC_STATE, Indices.DEAD_LETTERS);
		simulator.faults().reset();
	}

	@Test
	void shouldStoreEachMessageOnceWhenBothPathsDeliverIt() {
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).isNull();
		assertThat(state(status, "conversations")).isEqualTo(SyncState.DONE);
		assertThat(state(status, "logs")).isEqualTo(SyncState.DONE);
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(expected.messages());
		assertThat(this.counts.count(Indices.CONVERSATIONS)).isEqualTo(expected.conversations());
		assertThat(this.counts.count(Indices.MESSAGES, term("contentSource", "logs"))).isEqualTo(expected.messages());
		assertThat(this.counts.count(Indices.MESSAGES, Query.of(q -> q.exists(e -> e.field("model"))))).isPositive();
		assertThat(this.counts.count(Indices.MESSAGES, Query.of(q -> q.exists(e -> e.field("clientType")))))
			.isPositive();
		assertThat(this.counts.count(Indices.CONVERSATIONS, Query.of(q -> q.exists(e -> e.field("pinned")))))
			.isEqualTo(expected.conversations());
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isZero();
		assertThat(this.counts.count(Indices.EVENTS, term("type", "CUSTOM_AGENTS_LOG"))).isEqualTo(1);
		assertThat(this.counts.count(Indices.EVENTS, term("type", "AUDIT_LOG"))).isPositive();
	}

	@Test
	void shouldAddNothingForARepeatedBoundaryFile() {
		this.sync.run().block(Duration.ofMinutes(3));
		long messages = this.counts.count(Indices.MESSAGES);
		long events = this.counts.count(Indices.EVENTS);
		// Both paths deliver a touched conversation's new message: one more document,
		// whose content is the logs'; the logs read only that new file.
		simulator.workspace().touchConversation(4);
		SyncStatus second = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(fetched(second, "logs")).isEqualTo(1);
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(messages + 1);
		assertThat(this.counts.count(Indices.MESSAGES, term("contentSource", "logs"))).isEqualTo(messages + 1);
		messages++;
		// Forget which files were done: every file (boundary included) is read again.
		this.counts.clear(Indices.SYNC_STATE);
		SyncStatus third = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(fetched(third, "logs")).isPositive();
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(messages);
		assertThat(this.counts.count(Indices.EVENTS)).isEqualTo(events);
	}

	@Test
	void shouldRereadAFileWhoseDownloadBrokeWithinTheRun() {
		simulator.faults().interruptDownloads(2, 1, 5);
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(state(status, "logs")).isEqualTo(SyncState.DONE);
		assertFullCopy();
	}

	@Test
	void shouldResumeAnInterruptedDownloadOnTheNextRunWithoutLoss() {
		// Broken for longer than the retries of one run last.
		simulator.faults().interruptDownloads(2, Integer.MAX_VALUE, 5);
		SyncStatus first = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(state(first, "logs")).isEqualTo(SyncState.FAILED);
		assertThat(first.lastError()).contains("interrupted");
		simulator.faults().interruptDownloads(0, 0, 0);
		SyncStatus second = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(second.lastError()).isNull();
		assertThat(state(second, "logs")).isEqualTo(SyncState.DONE);
		assertFullCopy();
	}

	@Test
	void shouldSkipTheLogsWithTheReasonWhereTheyAreNotEnabled() {
		simulator.faults().logsDisabled(true);
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).isNull();
		assertThat(state(status, "logs")).isEqualTo(SyncState.SKIPPED);
		assertThat(resource(status, "logs").note()).contains("not enabled")
			.contains("Conversations still come from the stateful API");
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(simulator.workspace().expectedCounts().messages());
	}

	private void assertFullCopy() {
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(expected.messages());
		assertThat(this.counts.count(Indices.MESSAGES, term("contentSource", "logs"))).isEqualTo(expected.messages());
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isZero();
	}

	private static Query term(String field, String value) {
		return Query.of(q -> q.term(t -> t.field(field).value(v -> v.stringValue(value))));
	}

	private static ResourceProgressView resource(SyncStatus status, String name) {
		return status.resources().stream().filter(r -> r.resource().equals(name)).findFirst().orElseThrow();
	}

	private static SyncState state(SyncStatus status, String name) {
		return resource(status, name).state();
	}

	private static long fetched(SyncStatus status, String name) {
		return resource(status, name).fetched();
	}

}
