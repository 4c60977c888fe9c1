package io.chatwarden.faults;

import java.time.Duration;
import java.util.List;

/** The suite's scenarios, in the order they run. */
final class Scenarios {

	private Scenarios() {
	}

	static List<Scenario> all(Duration outage, Duration block) {
		return List.of(storeKilled(World.LOGS, outage), storeKilled(World.STATEFUL, outage),
				new Scenario("messages index read-only for " + block.toSeconds() + " s", World.LOGS, context -> {
					String messages = context.prefix() + "-messages";
					context.store().blockWrites(messages, true);
					Scenario.hold(block);
					context.store().blockWrites(messages, false);
				}),
				new Scenario("OpenSearch hanging (SIGSTOP) for " + block.toSeconds() + " s", World.LOGS, context -> {
					context.node().pause();
					Scenario.hold(block);
					context.node().resume();
				}), new Scenario("app kill -9 mid-sync, restarted", World.LOGS, context -> {
					context.app().kill();
					context.app().start();
				}), new Scenario("app SIGTERM mid-sync, restarted", World.LOGS, context -> {
					context.app().terminate();
					context.app().start();
				}), new Scenario("API faults: 429 every 7th call, 500 every 11th, 200 ms latency, for 30 s", World.LOGS,
						context -> {
							context.simulator()
								.faults()
								.rateLimitEvery(7, 1)
								.serverErrorEvery(11)
								.latency(Duration.ofMillis(200));
							Scenario.hold(Duration.ofSeconds(30));
							context.simulator().faults().reset();
						}));
	}

	private static Scenario storeKilled(World world, Duration outage) {
		return new Scenario(
				"OpenSearch kill -9, back after " + outage.toSeconds() + " s (" + world.name().toLowerCase() + " path)",
				world, context -> {
					context.node().kill();
					Scenario.hold(outage);
					context.node().start();
				});
	}

}
