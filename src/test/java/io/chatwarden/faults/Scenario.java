package io.chatwarden.faults;

import java.time.Duration;
import java.util.Locale;

import static org.awaitility.Awaitility.await;

/**
 * One fault, injected in the middle of a sync; {@link Fault#inject} returns once the
 * fault has ended (the node is back, the block lifted, the app restarted).
 */
record Scenario(String name, World world, Fault fault, long expectedDeadLetters) {

	Scenario(String name, World world, Fault fault) {
		this(name, world, fault, 0);
	}

	String slug() {
		return this.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}

	/** Lets the fault last: the scenario's own clock, not a wait for the app. */
	static void hold(Duration duration) {
		await().pollDelay(duration).atMost(duration.plusSeconds(10)).until(() -> true);
	}

	/** The fault itself. */
	@FunctionalInterface
	interface Fault {

		void inject(FaultContext context) throws Exception;

	}

}
