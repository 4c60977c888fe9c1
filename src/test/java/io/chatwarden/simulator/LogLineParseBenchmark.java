package io.chatwarden.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.chatwarden.openai.LogEvents;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading {@code CONVERSATION_MESSAGE} lines into their records, the parser alone (no
 * I/O): prints the time of each of eleven passes, their minimum and median, over the
 * lines of simulated conversations, as the simulator serves them. Here, not in
 * {@code openai}, because it renders the lines through the simulator's own API.
 */
@Tag("benchmark")
class LogLineParseBenchmark {

	private static final int CONVERSATIONS = Integer.getInteger("bench.parse.conversations", 5000);

	private static final int PASSES = 11;

	@Test
	void readTheLinesOfSimulatedConversations() {
		SimulatedWorkspace workspace = new SimulatedWorkspace(
				SimulatorProperties.defaults().withConversations(CONVERSATIONS), Clock.systemUTC());
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < CONVERSATIONS; i++) {
			for (ObjectNode event : MessageEvents.of(workspace.render(i, false), workspace.workspaceId())) {
				lines.add(event.toString());
			}
		}
		System.out.printf("Parse of %d lines, %d characters%n", lines.size(),
				lines.stream().mapToLong(String::length).sum());
		List<Long> passes = new ArrayList<>();
		for (int pass = 1; pass <= PASSES; pass++) {
			long characters = 0;
			long started = System.nanoTime();
			for (String line : lines) {
				String text = LogEvents.conversationMessage(LogEvents.parse(line)).text();
				characters += (text != null) ? text.length() : 0;
			}
			long ms = (System.nanoTime() - started) / 1_000_000;
			passes.add(ms);
			System.out.printf("log_line_parse_pass_%d: %d ms (%d characters of text)%n", pass, ms, characters);
		}
		List<Long> sorted = passes.stream().sorted().toList();
		System.out.printf("log_line_parse_min: %d ms%nlog_line_parse_median: %d ms%n", sorted.get(0),
				sorted.get(sorted.size() / 2));
	}

}
