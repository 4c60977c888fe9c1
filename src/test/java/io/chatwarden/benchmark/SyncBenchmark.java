package io.chatwarden.benchmark;

import io.chatwarden.support.SimulatorEndpoints;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.sync.SyncService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sync throughput and memory over a large simulated workspace. Run on purpose:
 * {@code ./mvnw test -Dbenchmark.excluded=none -Dtest=SyncBenchmark -Dbench.conversations=125000}
 * (about a million messages). Prints figures; asserts only that the copy is complete.
 */
@Tag("benchmark")
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-bench-sync", "chatwarden.sync.enabled=false",
		"chatwarden.demo.enabled=false", "chatwarden.openai.compliance.conversation-page-size=200",
		"chatwarden.openai.compliance.list-calls-per-minute=100000", "chatwarden.store.bulk-batch-size=1000",
		// The stateful conversation path alone: the logs path and findings have their own
		// figures.
		"chatwarden.sync.logs.enabled=false", "chatwarden.findings.enabled=false" })
class SyncBenchmark extends OpenSearchTest {

	static final int CONVERSATIONS = Integer.getInteger("bench.conversations", 5000);

	static final SimulatorServer simulator = SimulatorServer.start(new SimulatedWorkspace(
			SimulatorProperties.defaults().withConversations(CONVERSATIONS).withEnforceRateLimits(false),
			Clock.systemUTC()), new SimulatorFaults().shortPages(false));

	@DynamicPropertySource
	static void simulatorEndpoints(DynamicPropertyRegistry registry) {
		SimulatorEndpoints.compliance(registry, simulator, () -> "bench-key");
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

	@Test
	void syncALargeWorkspace() {
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		counts.clear(Indices.CONVERSATIONS, Indices.MESSAGES, Indices.SYNC_STATE);
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		System.gc();
		long heapBefore = heapUsed();
		Instant start = Instant.now();
		this.sync.run().block(Duration.ofHours(2));
		double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
		System.out.printf("%nSync benchmark: %d conversations, %d messages in %.1f s%n", expected.conversations(),
				expected.messages(), seconds);
		System.out.printf("  %.0f messages/s, %.0f conversations/s%n", expected.messages() / seconds,
				expected.conversations() / seconds);
		System.out.printf("  heap before %d MB, peak (sum of pool peaks) %d MB, max %d MB%n%n", heapBefore >> 20,
				peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
		assertThat(counts.count(Indices.MESSAGES)).isEqualTo(expected.messages());
	}

	private static long heapUsed() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
