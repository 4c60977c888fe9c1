package io.chatwarden.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.support.FreePort;

import static org.awaitility.Awaitility.await;

/**
 * Fifty investigators at once: concurrent GraphQL searches and conversation reads against
 * a synced copy for a fixed time, counting every answer that is not a clean one.
 */
final class GraphQlLoad {

	static final int CLIENTS = Integer.getInteger("faults.load-clients", 50);

	static final Duration DURATION = Duration.ofSeconds(Long.getLong("faults.load-seconds", 120));

	private static final List<String> QUERIES = List.of(
			"{ searchConversations(query: \"invoice\", first: 10) { totalCount edges { node { id title } } } }",
			"{ searchConversations(query: \"kubernetes pod\", first: 20) { totalCount edges { highlights } } }",
			"{ searchConversations(query: \"\\\"copper falcon\\\"\") { totalCount } }",
			"{ findings(first: 10) { totalCount } }", "{ syncStatus { running lastSuccessAt } }");

	private GraphQlLoad() {
	}

	static FaultSuite.FaultRow run(StoreNode node, int conversations) throws Exception {
		SimulatedWorkspace workspace = new SimulatedWorkspace(
				SimulatorProperties.defaults().withConversations(conversations).withEnforceRateLimits(false),
				Clock.systemUTC());
		try (SimulatorServer simulator = SimulatorServer.start(workspace, new SimulatorFaults())) {
			String prefix = "faults-load-" + Long.toHexString(System.nanoTime());
			Instant started = Instant.now();
			try (AppProcess app = new AppProcess(FreePort.find(),
					World.LOGS.settings(simulator, node.uri(), node.credentials(), prefix))) {
				await().atMost(Duration.ofMinutes(5))
					.pollInterval(Duration.ofSeconds(1))
					.ignoreExceptions()
					.until(() -> {
						AppProcess.SyncView status = app.syncStatus();
						return status != null && status.succeededSince(started);
					});
				AtomicLong requests = new AtomicLong();
				AtomicLong errors = new AtomicLong();
				ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
				Instant end = Instant.now().plus(DURATION);
				try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
					for (int client = 0; client < CLIENTS; client++) {
						int offset = client;
						clients.submit(() -> {
							for (int i = offset; Instant.now().isBefore(end); i++) {
								long start = System.nanoTime();
								JsonNode answer = app.graphql(QUERIES.get(i % QUERIES.size()));
								latencies.add((System.nanoTime() - start) / 1_000_000);
								requests.incrementAndGet();
								if (answer == null || answer.has("errors")) {
									errors.incrementAndGet();
								}
							}
						});
					}
				}
				List<Long> sorted = new ArrayList<>(latencies);
				Collections.sort(sorted);
				long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99));
				StoreInspector.Tally tally = new StoreInspector(node.uri(), node.credentials())
					.tally(prefix + "-messages");
				String outcome = String.format(Locale.ROOT, "%d requests, %d errors, p99 %d ms", requests.get(),
						errors.get(), p99);
				return new FaultSuite.FaultRow(
						CLIENTS + " concurrent GraphQL clients for " + DURATION.toSeconds() + " s", outcome, null,
						workspace.expectedCounts().messages() - tally.distinct(), tally.doubled(), 0);
			}
		}
	}

}
