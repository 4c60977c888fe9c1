package io.chatwarden.sync;

import io.chatwarden.support.SimulatorEndpoints;
import java.time.Clock;
import java.time.Duration;

import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorRoutes;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key without the compliance scope stops the sync with a message that says so, and
 * never shows the key.
 */
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-sync-creds", "chatwarden.sync.enabled=false",
		"chatwarden.demo.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class SyncCredentialsTests extends OpenSearchTest {

	static final SimulatorServer simulator = SimulatorServer.start(
			new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(10), Clock.systemUTC()),
			new SimulatorFaults());

	@DynamicPropertySource
	static void simulatorEndpoints(DynamicPropertyRegistry registry) {
		SimulatorEndpoints.compliance(registry, simulator, () -> SimulatorRoutes.NO_SCOPE_TOKEN);
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Autowired
	SyncService sync;

	@Test
	void shouldNameTheMissingScopeAndSkipTheAdminResources(CapturedOutput output) {
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(1));
		assertThat(status.lastError()).contains("chatgpt.enterprise.compliance_export");
		assertThat(status.lastSuccessAt()).isNull();
		assertThat(status.resources()).filteredOn(r -> r.resource().equals("admin-keys"))
			.singleElement()
			.satisfies(r -> assertThat(r.state()).isEqualTo(SyncState.SKIPPED));
		assertThat(output.getAll()).doesNotContain(SimulatorRoutes.NO_SCOPE_TOKEN);
	}

}
