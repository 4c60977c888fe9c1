package io.chatwarden.support;

import java.util.function.Supplier;

import io.chatwarden.simulator.SimulatorServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the app's OpenAI clients at a simulator started by the test. */
public final class SimulatorEndpoints {

	private SimulatorEndpoints() {
	}

	/** The Compliance API (stateful and logs) of the simulator, with this key. */
	public static void compliance(DynamicPropertyRegistry registry, SimulatorServer simulator,
			Supplier<Object> apiKey) {
		registry.add("chatwarden.openai.compliance.base-url", simulator::complianceBaseUrl);
		registry.add("chatwarden.openai.compliance.api-key", apiKey);
		registry.add("chatwarden.openai.compliance.workspace-id", () -> simulator.workspace().workspaceId());
	}

}
