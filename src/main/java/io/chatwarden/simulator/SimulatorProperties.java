package io.chatwarden.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the built-in fake OpenAI workspace ({@code chatwarden.simulator.*}).
 *
 * @param enabled serve the simulator routes from the application
 * @param seed the seed every generated value derives from
 * @param workspaceId the workspace UUID the Compliance API answers for
 * @param users workspace users
 * @param gpts custom GPTs
 * @param conversations conversations at start (each generated on demand)
 * @param meanMessagesPerConversation mean messages per conversation (at least 3)
 * @param adminKeys organization admin keys
 * @param projects API platform projects (one of them archived)
 * @param keysPerProject API keys per project
 * @param orgUsers organization users
 * @param invites organization invites
 * @param enforceRateLimits answer 429 past 50 list and 100 item calls per minute per
 * endpoint per key, as documented
 * @param statefulConversations serve the 2025 API: the stateful
 * {@code GET /conversations} answers as it did; off (the default, as the API stands since
 * mid-2026) it answers 410 and conversations come only through {@code /logs}
 */
@ConfigurationProperties("chatwarden.simulator")
public record SimulatorProperties(@DefaultValue("false") boolean enabled, @DefaultValue("42") long seed,
		@DefaultValue("5f0c6a2e-0d7b-4a49-9d55-2f8c3b1e7a10") String workspaceId, @DefaultValue("60") int users,
		@DefaultValue("24") int gpts, @DefaultValue("400") int conversations,
		@DefaultValue("8") int meanMessagesPerConversation, @DefaultValue("6") int adminKeys,
		@DefaultValue("4") int projects, @DefaultValue("3") int keysPerProject, @DefaultValue("10") int orgUsers,
		@DefaultValue("6") int invites, @DefaultValue("true") boolean enforceRateLimits,
		@DefaultValue("false") boolean statefulConversations) {

	/** The default workspace id. */
	public static final String DEFAULT_WORKSPACE_ID = "5f0c6a2e-0d7b-4a49-9d55-2f8c3b1e7a10";

	public SimulatorProperties {
		if (workspaceId == null || workspaceId.isBlank()) {
			workspaceId = DEFAULT_WORKSPACE_ID;
		}
		requireAtLeast("users", users, 1);
		requireAtLeast("gpts", gpts, 0);
		requireAtLeast("conversations", conversations, 0);
		requireAtLeast("meanMessagesPerConversation", meanMessagesPerConversation, 3);
		requireAtLeast("adminKeys", adminKeys, 0);
		requireAtLeast("projects", projects, 0);
		requireAtLeast("keysPerProject", keysPerProject, 0);
		requireAtLeast("orgUsers", orgUsers, 1);
		requireAtLeast("invites", invites, 0);
	}

	/** The documented defaults, simulator disabled. */
	public static SimulatorProperties defaults() {
		return new SimulatorProperties(false, 42, DEFAULT_WORKSPACE_ID, 60, 24, 400, 8, 6, 4, 3, 10, 6, true, false);
	}

	public SimulatorProperties withSeed(long seed) {
		return new SimulatorProperties(this.enabled, seed, this.workspaceId, this.users, this.gpts, this.conversations,
				this.meanMessagesPerConversation, this.adminKeys, this.projects, this.keysPerProject, this.orgUsers,
				this.invites, this.enforceRateLimits, this.statefulConversations);
	}

	public SimulatorProperties withConversations(int conversations) {
		return new SimulatorProperties(this.enabled, this.seed, this.workspaceId, this.users, this.gpts, conversations,
				this.meanMessagesPerConversation, this.adminKeys, this.projects, this.keysPerProject, this.orgUsers,
				this.invites, this.enforceRateLimits, this.statefulConversations);
	}

	public SimulatorProperties withEnforceRateLimits(boolean enforceRateLimits) {
		return new SimulatorProperties(this.enabled, this.seed, this.workspaceId, this.users, this.gpts,
				this.conversations, this.meanMessagesPerConversation, this.adminKeys, this.projects,
				this.keysPerProject, this.orgUsers, this.invites, enforceRateLimits, this.statefulConversations);
	}

	/** The 2025 API (stateful conversations served) when true. */
	public SimulatorProperties withStatefulConversations(boolean statefulConversations) {
		return new SimulatorProperties(this.enabled, this.seed, this.workspaceId, this.users, this.gpts,
				this.conversations, this.meanMessagesPerConversation, this.adminKeys, this.projects,
				this.keysPerProject, this.orgUsers, this.invites, this.enforceRateLimits, statefulConversations);
	}

	/**
	 * {@code sk-...ABCD}: how the audit feed names a key, by its last four characters.
	 */
	public static String redactedId(String key) {
		String k = (key == null) ? "" : key.trim();
		return "sk-..." + k.substring(Math.max(0, k.length() - 4));
	}

	private static void requireAtLeast(String name, int value, int min) {
		if (value < min) {
			throw new IllegalArgumentException("chatwarden.simulator." + name + " must be at least " + min);
		}
	}

}
