package io.chatwarden.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.chatwarden.dlp.DetectorCatalog;
import io.chatwarden.dlp.DlpProperties;
import io.chatwarden.dlp.DlpScanner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DLP over the text of simulated conversations, the detectors alone (no I/O): prints the
 * time of each of five passes and the matches found. {@code -Dbench.dlp.detectors=FILE}
 * scans with another detectors file (an earlier version, say), to compare. Here, not in
 * {@code dlp}, because it renders conversations through the simulator's own API.
 */
@Tag("benchmark")
class DlpScanBenchmark {

	private static final int CONVERSATIONS = Integer.getInteger("bench.dlp.conversations", 5000);

	@Test
	void scanTheTextOfSimulatedConversations() {
		SimulatedWorkspace workspace = new SimulatedWorkspace(
				SimulatorProperties.defaults().withConversations(CONVERSATIONS), Clock.systemUTC());
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < CONVERSATIONS; i++) {
			strings(workspace.render(i, false), texts);
		}
		String file = System.getProperty("bench.dlp.detectors");
		DlpProperties properties = new DlpProperties(true, (file != null) ? Path.of(file) : null, "bench", null);
		DlpScanner scanner = new DlpScanner(new DetectorCatalog(properties), properties);
		System.out.printf("DLP over %d strings, %d characters, detectors %s%n", texts.size(),
				texts.stream().mapToLong(String::length).sum(), (file != null) ? file : "built in");
		for (int pass = 1; pass <= 5; pass++) {
			long matches = 0;
			long started = System.nanoTime();
			for (String text : texts) {
				matches += scanner.scan(text).matches().size();
			}
			System.out.printf("dlp_scan_pass_%d: %d ms, %d matches%n", pass, (System.nanoTime() - started) / 1_000_000,
					matches);
		}
	}

	/** Every string of a rendered conversation longer than an id. */
	private static void strings(JsonNode node, List<String> out) {
		if (node.isString() && node.asString().length() > 20) {
			out.add(node.asString());
		}
		for (JsonNode child : node) {
			strings(child, out);
		}
	}

}
