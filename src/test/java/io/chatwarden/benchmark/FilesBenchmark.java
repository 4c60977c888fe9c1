package io.chatwarden.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;

import io.chatwarden.files.FileFetcher;
import io.chatwarden.files.FileGateway;
import io.chatwarden.files.FileRun;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.SimulatorEndpoints;
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
 * File fetching throughput and memory: about {@code bench.files} knowledge files (real
 * PDF, DOCX, XLSX, PPTX, text) downloaded from the simulator's signed storage, extracted
 * with Tika, scanned and indexed. Run on purpose:
 * {@code ./mvnw test -Dbenchmark.excluded=none -Dtest=FilesBenchmark -Dbench.files=1000}.
 * Prints files per second and heap; asserts only that no file stayed pending.
 */
@Tag("benchmark")
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-bench-files", "chatwarden.sync.enabled=false",
		"chatwarden.demo.enabled=false", "chatwarden.openai.compliance.list-calls-per-minute=100000",
		"chatwarden.findings.enabled=false", "chatwarden.files.enabled=false",
		// The planted oversized file streams up to the cap: keep the cap small here.
		"chatwarden.files.max-file-size=1MB" })
class FilesBenchmark extends OpenSearchTest {

	/** Knowledge files average 1.5 per GPT (plus the planted six). */
	static final int FILES = Integer.getInteger("bench.files", 1000);

	static final SimulatorServer simulator = SimulatorServer.start(
			new SimulatedWorkspace(new SimulatorProperties(false, 42, SimulatorProperties.DEFAULT_WORKSPACE_ID, 60,
					FILES * 2 / 3, 40, 8, 6, 4, 3, 10, 6, false, false), Clock.systemUTC()),
			new SimulatorFaults().shortPages(false));

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
	FileFetcher fetcher;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@Test
	void fetchAndExtractManyFiles() {
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		counts.clear(Indices.GPTS, Indices.CONVERSATIONS, Indices.MESSAGES, Indices.SYNC_STATE, FileGateway.INDEX);
		this.sync.run().block(Duration.ofMinutes(30));
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		long start = System.nanoTime();
		FileRun run = this.fetcher.run().block(Duration.ofHours(1));
		double seconds = (System.nanoTime() - start) / 1e9;
		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
		System.out.printf("%nFiles benchmark: %d files listed, %d fetched, %d indexed in %.1f s%n", run.listed(),
				run.fetched(), run.indexed(), seconds);
		System.out.printf("  %.1f files/s%n", run.fetched() / seconds);
		System.out.printf("  heap before %d MB, peak (sum of pool peaks) %d MB, max %d MB%n%n", heapBefore >> 20,
				peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
		assertThat(run.fetched()).isEqualTo(run.listed());
		assertThat(counts.count(FileGateway.INDEX)).isEqualTo(run.listed());
	}

}
