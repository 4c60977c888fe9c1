package io.chatwarden.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.support.FreePort;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * The fault suite: each scenario copies a fresh simulated workspace with the app running
 * as its own JVM against a node of the suite's own, injects one fault in the middle of
 * the sync, and measures whether the copy recovers by itself, how long that took after
 * the fault ended, and how many records were lost or doubled. It prints a table (also
 * written to {@code target/fault-suite.md}) and asserts nothing:
 * {@code docs/reliability.md} records its figures. Run it with
 * {@code ./mvnw verify -Pfaults}.
 */
@Tag("faults")
class FaultSuite {

	static final int CONVERSATIONS = Integer.getInteger("faults.conversations", 1500);

	static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("faults.outage-seconds", 30));

	static final Duration BLOCK = Duration.ofSeconds(Long.getLong("faults.block-seconds", 60));

	static final Duration RECOVERY_LIMIT = Duration.ofMinutes(Long.getLong("faults.recovery-minutes", 8));

	@Test
	void runEveryScenarioAndPrintTheTable() throws Exception {
		List<FaultRow> rows = new ArrayList<>();
		try (StoreNode node = new StoreNode(FreePort.find())) {
			String only = System.getProperty("faults.only", "");
			for (Scenario scenario : Scenarios.all(OUTAGE, BLOCK)) {
				if (!scenario.name().contains(only)) {
					continue;
				}
				rows.add(run(node, scenario));
				System.out.println(rows.get(rows.size() - 1).line());
			}
			if (only.isEmpty() || only.contains("GraphQL")) {
				rows.add(GraphQlLoad.run(node, CONVERSATIONS / 5));
			}
		}
		String table = FaultRow.table(rows);
		System.out.println("\n" + table);
		Files.writeString(Path.of("target", "fault-suite.md"), table);
	}

	private FaultRow run(StoreNode node, Scenario scenario) throws Exception {
		SimulatorFaults faults = new SimulatorFaults();
		SimulatedWorkspace workspace = new SimulatedWorkspace(scenario.world()
			.simulator(SimulatorProperties.defaults().withConversations(CONVERSATIONS).withEnforceRateLimits(false)),
				Clock.systemUTC());
		try (SimulatorServer simulator = SimulatorServer.start(workspace, faults)) {
			faults.latency(Duration.ofMillis(10));
			String prefix = "faults-" + scenario.slug() + "-" + Long.toHexString(System.nanoTime());
			StoreInspector store = new StoreInspector(node.uri(), node.credentials());
			ExpectedCounts expected = workspace.expectedCounts();
			try (AppProcess app = new AppProcess(FreePort.find(),
					scenario.world().settings(simulator, node.uri(), node.credentials(), prefix))) {
				String messages = prefix + "-messages";
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(250))
					.ignoreExceptions()
					.until(() -> store.count(messages) >= expected.messages() / 4);
				FaultContext context = new FaultContext(node, app, store, simulator, prefix);
				Instant faultStarted = Instant.now();
				scenario.fault().inject(context);
				Instant faultEnded = Instant.now();
				// A fault the sync rides out can let the run succeed before the fault
				// ends (the API faults): a success since the fault began, with every
				// message in, is a recovery; its time counts from the fault's end.
				boolean recovered = awaitRecovery(app, store, messages, expected.messages(), faultStarted);
				Duration recovery = Duration.between(faultEnded, Instant.now());
				StoreInspector.Tally tally = store.tally(messages);
				long deadLetters = store.count(prefix + "-dead-letters");
				long lost = expected.messages() - tally.distinct() - scenario.expectedDeadLetters();
				return new FaultRow(scenario.name(),
						recovered ? "recovered by itself" : "NOT recovered; see " + app.log(),
						recovered ? recovery : null, lost, tally.doubled(), deadLetters);
			}
		}
	}

	private static boolean awaitRecovery(AppProcess app, StoreInspector store, String messages, long expected,
			Instant since) {
		try {
			await().atMost(RECOVERY_LIMIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
				AppProcess.SyncView status = app.syncStatus();
				return status != null && status.succeededSince(since) && store.count(messages) >= expected;
			});
			return true;
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			return false;
		}
	}

	/** One line of the table. */
	record FaultRow(String scenario, String outcome, Duration recovery, long lost, long doubled, long deadLetters) {

		String line() {
			return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d |", this.scenario, this.outcome,
					this.recovery == null ? "-"
							: String.format(Locale.ROOT, "%.1f s", this.recovery.toMillis() / 1000.0),
					this.lost, this.doubled, this.deadLetters);
		}

		static String table(List<FaultRow> rows) {
			StringBuilder table = new StringBuilder(
					"| scenario | outcome | time to recover | lost | doubled | dead letters |\n|---|---|---|---|---|---|\n");
			rows.forEach(row -> table.append(row.line()).append('\n'));
			return table.toString();
		}

	}

}
