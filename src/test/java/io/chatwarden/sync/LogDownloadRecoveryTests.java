package io.chatwarden.sync;

import java.time.Clock;
import java.time.Duration;

import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.SimulatorEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log file downloads ride out a flaky file host within the run: a file cut again and
 * again (more often than the three tries there used to be) is retried with a backoff and
 * resumes after the lines already written, and a signed URL that expired is asked for
 * anew; the copy ends exact, the run a success.
 */
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-log-downloads", "chatwarden.sync.enabled=false",
		"chatwarden.demo.enabled=false", "chatwarden.openai.compliance.list-calls-per-minute=100000",
		"chatwarden.openai.compliance.min-backoff=10ms", "chatwarden.openai.compliance.max-backoff=100ms",
		"chatwarden.sync.logs.concurrency=1", "chatwarden.sync.logs.event-types=CONVERSATION_MESSAGE",
		"chatwarden.store.bulk-batch-size=20", "chatwarden.sync.recovery.download-min-backoff=20ms",
		"chatwarden.sync.recovery.download-max-backoff=200ms", "chatwarden.sync.recovery.download-max-wait=30s" })
@ExtendWith(OutputCaptureExtension.class)
class LogDownloadRecoveryTests extends OpenSearchTest {

	static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(60).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	@DynamicPropertySource
	static void simulatorEndpoints(DynamicPropertyRegistry registry) {
		SimulatorEndpoints.compliance(registry, simulator, () -> "sk-proj-DownloadRecoveryKey0123");
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
		this.counts.clear(Indices.CONVERSATIONS, Indices.MESSAGES, Indices.USERS, Indices.GPTS, Indices.SYNC_STATE,
				Indices.DEAD_LETTERS);
		simulator.faults().reset();
	}

	@Test
	void shouldResumeAFileCutFiveTimesAfterTheLinesAlreadyWritten(CapturedOutput output) {
		// The second file breaks after 50 lines, five downloads in a row: the batches of
		// 20 lines written before the break (one or two, as the break finds the second in
		// flight or done) are skipped afterwards.
		simulator.faults().interruptDownloads(1, 5, 50);
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.outcome()).isEqualTo("SUCCESS");
		assertThat(status.lastError()).isNull();
		assertThat(output.getAll()).containsPattern("again after line [24]0:");
		assertExactCopy();
	}

	@Test
	void shouldAskForAFreshSignedUrlWhenOneExpired() {
		simulator.faults().expireSignedUrls(3);
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.outcome()).isEqualTo("SUCCESS");
		assertExactCopy();
	}

	private void assertExactCopy() {
		var expected = simulator.workspace().expectedCounts();
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(expected.messages());
		assertThat(this.counts.count(Indices.CONVERSATIONS)).isEqualTo(expected.conversations());
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isZero();
	}

}
