package io.chatwarden.sync;

import io.chatwarden.support.SimulatorEndpoints;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.chatwarden.ChatwardenApplication;
import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.SharedOpenSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real crash: the app runs as its own process, is killed with SIGKILL in the middle of
 * the conversation sync, and the next run (in this JVM) resumes from the committed
 * checkpoint and ends with exact counts.
 */
@SpringBootTest(properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
		"chatwarden.findings.enabled=false", "chatwarden.sync.logs.enabled=false",
		"chatwarden.openai.compliance.list-calls-per-minute=100000" })
class SyncKillRestartTests extends OpenSearchTest {

	static final String PREFIX = "cw-kill-" + Long.toHexString(System.nanoTime());

	static final SimulatorServer simulator = SimulatorServer.start(new SimulatedWorkspace(SimulatorProperties.defaults()
		.withConversations(150)
		.withEnforceRateLimits(false)
		.withStatefulConversations(true), Clock.systemUTC()), new SimulatorFaults());

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.store.index-prefix", () -> PREFIX);
		SimulatorEndpoints.compliance(registry, simulator, () -> "kill-test-key");
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

	@Test
	void shouldResumeAfterTheProcessIsKilledMidSync() throws Exception {
		simulator.faults().latency(Duration.ofMillis(150));
		Process app = startApp();
		try {
			awaitConversationCursor(app, Duration.ofMinutes(2));
		}
		finally {
			app.destroyForcibly();
			assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		Checkpoint interrupted = this.checkpoints.load("conversations").block();
		assertThat(interrupted.cursor()).as("a committed cursor survives the kill").isNotNull();
		simulator.faults().reset();
		SyncStatus resumed = this.sync.run().block(Duration.ofMinutes(3));
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		assertThat(counts.count(Indices.CONVERSATIONS)).isEqualTo(expected.conversations());
		assertThat(counts.count(Indices.MESSAGES)).isEqualTo(expected.messages());
		assertThat(counts.count(Indices.USERS)).isEqualTo(expected.users());
		assertThat(counts.count(Indices.DEAD_LETTERS)).isZero();
		ResourceProgressView conversations = resumed.resources()
			.stream()
			.filter(resource -> resource.resource().equals("conversations"))
			.findFirst()
			.orElseThrow();
		assertThat(conversations.fetched()).as("resumed after the cursor, not from the start")
			.isLessThan(expected.conversations());
	}

	private Process startApp() throws Exception {
		Path log = Files.createTempFile("chatwarden-kill-", ".log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
						System.getProperty("java.class.path"), ChatwardenApplication.class.getName(), "--server.port=0",
						"--opensearch.uris=" + SharedOpenSearch.uri(), "--chatwarden.store.index-prefix=" + PREFIX,
						"--chatwarden.demo.enabled=false", "--chatwarden.findings.enabled=false",
						"--chatwarden.sync.logs.enabled=false",
						"--chatwarden.openai.compliance.base-url=" + simulator.complianceBaseUrl(),
						"--chatwarden.openai.compliance.api-key=kill-test-key",
						"--chatwarden.openai.compliance.workspace-id=" + simulator.workspace().workspaceId(),
						"--chatwarden.openai.compliance.conversation-page-size=10",
						"--chatwarden.openai.compliance.list-calls-per-minute=100000"));
		ProcessBuilder builder = new ProcessBuilder(command);
		SharedOpenSearch.passCredentials(builder.environment());
		return builder.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(new File(System.getProperty("user.dir")))
			.start();
	}

	private void awaitConversationCursor(Process app, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			assertThat(app.isAlive()).as("the app process is running").isTrue();
			Checkpoint checkpoint = this.checkpoints.load("conversations").onErrorResume(ex -> Mono.empty()).block();
			if (checkpoint != null && checkpoint.cursor() != null) {
				return;
			}
			Mono.delay(Duration.ofMillis(100)).block();
		}
		throw new AssertionError("The app committed no conversation checkpoint within " + timeout);
	}

}
