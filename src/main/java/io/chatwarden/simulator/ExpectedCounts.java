package io.chatwarden.simulator;

/**
 * How many records the simulator serves right now. {@code projects} and
 * {@code projectKeys} include the archived project ({@code include_archived=true}).
 */
public record ExpectedCounts(int users, int gpts, int conversations, long messages, int adminKeys, int projects,
		int projectKeys, int orgUsers, int invites) {
}
