package io.chatwarden.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.node.ObjectNode;

/**
 * The audit, login and app events of the simulated workspace over the last two weeks: a
 * steady background plus one positive and one near-miss for each event finding. Times are
 * relative to the workspace's generation time, so "recent" means the last day.
 *
 * <ul>
 * <li>role raised: user 6 member→admin, user 7 member→owner; near-misses: user 8
 * admin→member, user 9 member→admin BLOCKED;</li>
 * <li>setting off: SSO and the IP allow-list turned off; near-misses: SCIM off then on
 * again, image generation (not a security setting) off;</li>
 * <li>new login country: user 1 from BR; near-misses: user 3 from CA (seen ten days ago),
 * a failed login of user 0 from RU;</li>
 * <li>new log lister: key {@link #NEW_KEY}; near-miss: user 0, who listed before.</li>
 * </ul>
 */
final class LogScenario {

	/** The key that lists the compliance logs every day. */
	static final String USUAL_KEY = "sk-...Ab12";

	/** The key seen listing the compliance logs for the first time, in the last day. */
	static final String NEW_KEY = "sk-...Zz99";

	private static final List<String> HOME = List.of("US", "DE", "FR", "US", "GB", "IN");

	private final String workspaceId;

	private final List<SimUser> users;

	private final Instant now;

	private final List<ObjectNode> events = new ArrayList<>();

	private LogScenario(String workspaceId, List<SimUser> users, Instant now) {
		this.workspaceId = workspaceId;
		this.users = users;
		this.now = now;
	}

	/** Every event, oldest first. */
	static List<ObjectNode> events(String workspaceId, List<SimUser> users, Instant now) {
		LogScenario scenario = new LogScenario(workspaceId, users, now);
		scenario.background();
		scenario.roles();
		scenario.settings();
		scenario.logins();
		scenario.listings();
		scenario.events.sort(Comparator.comparing((ObjectNode e) -> e.get("timestamp").asString())
			.thenComparing((e) -> e.get("event_id").asString()));
		return List.copyOf(scenario.events);
	}

	private void background() {
		for (int day = 14; day >= 1; day--) {
			for (int u = 0; u < HOME.size(); u++) {
				login(u, at(day, 9 + u), HOME.get(u), "SUCCESS");
			}
			listLogs(key(USUAL_KEY), at(day, 2));
		}
		for (int i = 0; i < 4; i++) {
			ObjectNode invite = audit(user(0), at(12 - i, 14), "INVITE_SEND", "SUCCESS");
			invite.putObject("action_data").put("email", "new" + i + "@example.com").put("role", "standard-user");
		}
		for (int i = 0; i < 3; i++) {
			ObjectNode app = base("APP_LOG", user(i), at(5 - i, 16));
			app.put("action", "APP_CONNECTED");
			app.putObject("action_data").put("app", "Google Drive");
		}
		ObjectNode agent = base("CUSTOM_AGENTS_LOG", user(2), at(1, 11));
		agent.put("event_type", "AGENT_RUN_STARTED");
		agent.putObject("event_details").put("agent_id", "agent-7").put("trigger", "schedule");
	}

	private void roles() {
		role(6, "standard-user", "account-admin", "SUCCESS", at(2, 15));
		role(7, "standard-user", "account-owner", "SUCCESS", at(1, 15));
		role(8, "account-admin", "standard-user", "SUCCESS", at(1, 16));
		role(9, "standard-user", "account-admin", "BLOCKED", at(1, 17));
	}

	private void settings() {
		toggle("sso", false, at(1, 18));
		toggle("ip_allowlist", false, at(3, 18));
		toggle("scim", false, at(5, 18));
		toggle("scim", true, at(4, 18));
		toggle("image_generation", false, at(1, 19));
	}

	private void logins() {
		login(3, at(10, 20), "CA", "SUCCESS");
		login(1, this.now.minus(Duration.ofHours(6)), "BR", "SUCCESS");
		login(3, this.now.minus(Duration.ofHours(5)), "CA", "SUCCESS");
		login(2, this.now.minus(Duration.ofHours(4)), "FR", "SUCCESS");
		login(0, this.now.minus(Duration.ofHours(3)), "RU", "FAILURE");
	}

	private void listings() {
		listLogs(key(NEW_KEY), this.now.minus(Duration.ofHours(2)));
		listLogs(user(0), at(12, 3));
		listLogs(user(0), this.now.minus(Duration.ofHours(1)));
	}

	private void role(int u, String from, String to, String result, Instant at) {
		ObjectNode event = audit(user(0), at, "USER_ROLE_UPDATED", result);
		SimUser target = this.users.get(u);
		event.putObject("action_data")
			.put("user_id", target.id())
			.put("user_email", target.email())
			.put("old_role", from)
			.put("new_role", to);
	}

	private void toggle(String feature, boolean enabled, Instant at) {
		ObjectNode event = audit(user(0), at, "WORKSPACE_TOGGLE_FEATURE", "SUCCESS");
		event.putObject("action_data").put("feature", feature).put("enabled", enabled);
	}

	private void login(int u, Instant at, String country, String result) {
		ObjectNode event = base("AUTH_LOG", user(u), at);
		event.put("action", "LOGIN");
		event.put("action_result", result);
		metadata(event, country, u);
	}

	private void listLogs(ObjectNode actor, Instant at) {
		audit(actor, at, "LIST_WORKSPACE_LOG_FILES", "SUCCESS");
	}

	private ObjectNode audit(ObjectNode actor, Instant at, String action, String result) {
		ObjectNode event = base("AUDIT_LOG", actor, at);
		event.put("action", action);
		event.put("action_result", result);
		event.put("action_privilege", "ADMIN");
		metadata(event, "US", 0);
		return event;
	}

	private ObjectNode base(String type, ObjectNode actor, Instant at) {
		ObjectNode event = Json.object();
		event.put("event_id", UUID.nameUUIDFromBytes((type + this.events.size() + at).getBytes()).toString());
		event.put("type", type);
		event.putObject("principal").put("id", this.workspaceId).put("type", "CHATGPT_WORKSPACE");
		event.set("actor", actor);
		event.put("timestamp", at.toString());
		this.events.add(event);
		return event;
	}

	private static void metadata(ObjectNode event, String country, int u) {
		ObjectNode metadata = event.putObject("request_metadata");
		metadata.put("client_ip", "203.0.113." + (10 + u));
		metadata.putObject("client_ip_details").put("country", country).put("city", "City of " + country);
		metadata.put("client_user_agent", "Mozilla/5.0 (chatwarden simulator)");
	}

	private ObjectNode user(int u) {
		SimUser user = this.users.get(u);
		ObjectNode actor = Json.object();
		actor.put("type", "ACCOUNT_USER");
		actor.put("user_id", user.id());
		actor.put("user_email", user.email());
		return actor;
	}

	private static ObjectNode key(String redacted) {
		ObjectNode actor = Json.object();
		actor.put("type", "API_KEY");
		actor.put("redacted_id", redacted);
		return actor;
	}

	private Instant at(int daysAgo, int hour) {
		return this.now.minus(Duration.ofDays(daysAgo)).plus(Duration.ofHours(hour - 12));
	}

}
