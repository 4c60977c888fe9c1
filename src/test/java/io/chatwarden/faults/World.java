package io.chatwarden.faults;

import java.util.ArrayList;
import java.util.List;

import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.NodeCredentials;

/** Which conversation path the app copies through. */
enum World {

	/** Today's API: conversations only through the Compliance Logs Platform. */
	LOGS("auto"),

	/** The 2025 stateful {@code /conversations} endpoint. */
	STATEFUL("stateful");

	private final String conversationSource;

	World(String conversationSource) {
		this.conversationSource = conversationSource;
	}

	/**
	 * The simulator this world needs: today's API (the stateful conversations answer 410)
	 * or the 2025 one that still serves them.
	 */
	SimulatorProperties simulator(SimulatorProperties properties) {
		return properties.withStatefulConversations(this == STATEFUL);
	}

	List<String> settings(SimulatorServer simulator, String storeUri, NodeCredentials store, String prefix) {
		List<String> settings = new ArrayList<>(List.of("opensearch.uris=" + storeUri,
				"opensearch.username=" + store.username(), "opensearch.password=" + store.password(),
				"chatwarden.store.index-prefix=" + prefix, "chatwarden.demo.enabled=false",
				"chatwarden.findings.enabled=false", "chatwarden.sync.conversation-source=" + this.conversationSource,
				"chatwarden.openai.compliance.base-url=" + simulator.complianceBaseUrl(),
				"chatwarden.openai.compliance.api-key=sk-fault-suite-key-0123456789",
				"chatwarden.openai.compliance.workspace-id=" + simulator.workspace().workspaceId(),
				"chatwarden.openai.compliance.conversation-page-size=20",
				"chatwarden.openai.compliance.list-calls-per-minute=100000",
				"chatwarden.openai.admin.base-url=" + simulator.adminBaseUrl(),
				"chatwarden.openai.admin.api-key=sk-admin-fault-suite-key-0123456789",
				"chatwarden.openai.admin.list-calls-per-minute=100000",
				"chatwarden.security.requests-per-minute=1000000"));
		return settings;
	}

}
