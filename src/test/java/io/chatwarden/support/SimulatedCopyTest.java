package io.chatwarden.support;

import java.time.Clock;
import java.time.Duration;

import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.sync.SyncService;
import io.chatwarden.sync.SyncStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of read-side tests: the simulator's workspace synced once per test class into the
 * shared OpenSearch (under the class's own index prefix), then refreshed. The simulator
 * server is shared by every such class (they read it, never change it) and ends with the
 * JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(TestAuthentication.class)
public abstract class SimulatedCopyTest extends OpenSearchTest {

	protected static final String API_KEY = "sk-proj-ReadSideTestKeyT3BlbkFJ0123456789abcdef";

	protected static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(80).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	@DynamicPropertySource
	static void simulatorEndpoints(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.sync.enabled", () -> "false");
		registry.add("chatwarden.demo.enabled", () -> "false");
		registry.add("chatwarden.security.bootstrap-admin-token", () -> TestAuthentication.ADMIN_TOKEN);
		SimulatorEndpoints.compliance(registry, simulator, () -> API_KEY);
		registry.add("chatwarden.openai.admin.base-url", simulator::adminBaseUrl);
		registry.add("chatwarden.openai.admin.api-key", () -> API_KEY);
		registry.add("chatwarden.openai.compliance.list-calls-per-minute", () -> "100000");
		registry.add("chatwarden.openai.admin.list-calls-per-minute", () -> "100000");
	}

	@Autowired
	protected OpenSearchAsyncClient client;

	@Autowired
	protected Indices indices;

	protected IndexCounts counts;

	@BeforeAll
	void syncTheSimulatedWorkspace(@Autowired SyncService sync) {
		this.counts = new IndexCounts(this.client, this.indices);
		this.counts.clear(Indices.CONVERSATIONS, Indices.MESSAGES, Indices.USERS, Indices.GPTS, Indices.ADMIN_KEYS,
				Indices.PROJECTS, Indices.PROJECT_KEYS, Indices.ORG_USERS, Indices.INVITES, Indices.SYNC_STATE);
		SyncStatus status = sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).isNull();
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(simulator.workspace().expectedCounts().messages());
		for (String logical : new String[] { Indices.CONVERSATIONS, Indices.USERS, Indices.GPTS, Indices.ADMIN_KEYS,
				Indices.PROJECTS, Indices.PROJECT_KEYS, Indices.ORG_USERS, Indices.INVITES }) {
			this.counts.count(logical);
		}
	}

}
