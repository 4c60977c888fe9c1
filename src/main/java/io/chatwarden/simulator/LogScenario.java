package io.chatwarden.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit, login and app events of the simulated workspace over the last two weeks, in
 * the shapes the live feed has (PART 0 of the API notes): a steady background plus one
 * positive and one near-miss for each event finding. Times are relative to the
 * workspace's generation time, so "recent" means the last day.
 *
 * <ul>
 * <li>role raised ({@code USER_ROLE_UPDATED {user_id, new_role}}): user 6 to admin, user
 * 7 to owner; near-misses: user 8 to member, user 9 to admin BLOCKED;</li>
 * <li>setting off ({@code WORKSPACE_TOGGLE_FEATURE {feature, value}}, IP allow-list
 * actions): SSO turned off and the IP allow-list emptied; near-misses: SCIM off then on
 * again, image generation (not a security setting) off, an allow-list set;</li>
 * <li>new login country ({@code AUTH_LOG action_data.action}): user 1 from BR;
 * near-misses: user 3 from CA (seen ten days ago), a failed login of user 0 from RU, a
 * token issued to user 4 from JP, a login of user 5 with a blank country;</li>
 * <li>new log lister: key {@link #NEW_KEY}; near-misses: user 0, who listed before, and
 * the product's own key (its first listings are recent: a fresh install).</li>
 * </ul>
 * User ids in the feed sometimes carry the {@code __<workspace>} suffix.
 */
final class LogScenario {

	/** The key that lists the compliance logs every day. */
	static final String USUAL_KEY = "sk-...Ab12";

	/** The key seen listing the compliance logs for the first time, in the last day. */
	static final String NEW_KEY = "sk-...Zz99";

	/** A secret pasted into a Codex prompt: DLP must mask it in event text too. */
	static final String CODEX_SECRET = "AKIAQWERTYUIOPASDFGH";

	private static final List<String> HOME = List.of("US", "DE", "FR", "US", "GB", "IN");

	private final String workspaceId;

	private final List<SimUser> users;

	private final Instant now;

	private final List<ObjectNode> events = new ArrayList<>();

	private final String productKey;

	private LogScenario(String workspaceId, List<SimUser> users, Instant now, String productKey) {
		this.workspaceId = workspaceId;
		this.users = users;
		this.now = now;
		this.productKey = productKey;
	}

	/** Every event, oldest first; {@code productKey} is the lister's redacted id. */
	static List<ObjectNode> events(String workspaceId, List<SimUser> users, Instant now, String productKey) {
		LogScenario scenario = new LogScenario(workspaceId, users, now, productKey);
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
				login(u, at(day, 9 + u), HOME.get(u), "login_success");
			}
			login(day % HOME.size(), at(day, 18), HOME.get(day % HOME.size()), "logout_success");
			listLogs(key(USUAL_KEY), at(day, 2));
		}
		for (int i = 0; i < 4; i++) {
			ObjectNode invite = audit(user(0), at(12 - i, 14), "INVITE_SEND", "SUCCESS");
			ObjectNode data = invite.putObject("action_data");
			data.putArray("email_addresses").add("new" + i + "@example.com");
			data.put("role", "standard-user");
		}
		for (int i = 0; i < 3; i++) {
			ObjectNode app = base("APP_LOG", user(i), at(5 - i, 16));
			app.put("action", "APP_CONNECTED");
			app.putObject("action_data").put("app", "Google Drive");
		}
		ObjectNode agent = base("CUSTOM_AGENTS_LOG", user(2), at(1, 11));
		agent.put("event_type", "AGENT_RUN_STARTED");
		agent.putObject("event_details")
			.put("agent_id", "agent-7")
			.put("trigger", "schedule")
			.put("prompt_text", "Summarise the weekly sales pipeline for the leadership sync");
		ObjectNode codex = base("CODEX_LOG", user(4), at(2, 10));
		codex.put("event_type", "CODEX_TASK_CREATED");
		codex.putObject("event_details")
			.put("prompt_text", "Fix the flaky retry test; the staging key is " + CODEX_SECRET)
			.put("response_text", "Rewrote the retry loop with a bounded backoff.");
		ObjectNode app = base("APP_LOG", user(5), at(1, 13));
		app.put("detail_type", "APP_QUERY");
		app.putObject("event_details").put("app", "Jira").put("input", "open incidents assigned to the platform team");
		ObjectNode memory = base("MEMORY_CONTEXT", user(1), at(3, 12));
		memory.putObject("event_details").put("text", "Prefers answers with code samples in Kotlin");
	}

	private void roles() {
		role(6, "account-admin", "SUCCESS", at(2, 15));
		role(7, "account-owner", "SUCCESS", at(1, 15));
		role(8, "standard-user", "SUCCESS", at(1, 16));
		role(9, "account-admin", "BLOCKED", at(1, 17));
	}

	private void settings() {
		toggle("enforce_sso", false, at(1, 18));
		allowList(List.of(), at(3, 18));
		allowList(List.of("198.51.100.0/24"), at(6, 18));
		toggle("scim", false, at(5, 18));
		toggle("scim", true, at(4, 18));
		toggle("image_generation", false, at(1, 19));
	}

	private void logins() {
		login(3, at(10, 20), "CA", "login_success");
		login(1, this.now.minus(Duration.ofHours(6)), "BR", "login_success");
		login(3, this.now.minus(Duration.ofHours(5)), "CA", "login_success");
		login(2, this.now.minus(Duration.ofHours(4)), "FR", "login_success");
		login(0, this.now.minus(Duration.ofHours(3)), "RU", "login_failed");
		login(4, this.now.minus(Duration.ofHours(3)), "JP", "token_issued");
		login(5, this.now.minus(Duration.ofHours(2)), "", "login_success");
	}

	private void listings() {
		listLogs(key(NEW_KEY), this.now.minus(Duration.ofHours(2)));
		listLogs(user(0), at(12, 3));
		listLogs(user(0), this.now.minus(Duration.ofHours(1)));
		listLogs(key(this.productKey), this.now.minus(Duration.ofMinutes(90)));
		listLogs(key(this.productKey), this.now.minus(Duration.ofMinutes(30)));
	}

	private void role(int u, String to, String result, Instant at) {
		ObjectNode event = audit(user(0), at, "USER_ROLE_UPDATED", result);
		event.putObject("action_data").put("user_id", userId(u, u % 2 == 0)).put("new_role", to);
	}

	private void toggle(String feature, boolean value, Instant at) {
		ObjectNode event = audit(user(0), at, "WORKSPACE_TOGGLE_FEATURE", "SUCCESS");
		event.putObject("action_data").put("feature", feature).put("value", value);
	}

	private void allowList(List<String> ips, Instant at) {
		ObjectNode event = audit(user(0), at, "WORKSPACE_SET_ENTERPRISE_IP_ALLOWLIST", "SUCCESS");
		ArrayNode allowed = event.putObject("action_data").putArray("allowed_ips");
		ips.forEach(allowed::add);
	}

	/** No top-level action: the outcome is {@code action_data.action}. */
	private void login(int u, Instant at, String country, String action) {
		ObjectNode event = base("AUTH_LOG", user(u), at);
		event.putObject("action_data").put("action", action).put("role", this.users.get(u).role());
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
		metadata.putObject("client_ip_details")
			.put("country", country)
			.put("city", country.isEmpty() ? "" : "City of " + country);
		metadata.put("client_user_agent", "Mozilla/5.0 (chatwarden simulator)");
	}

	private ObjectNode user(int u) {
		SimUser user = this.users.get(u);
		ObjectNode actor = Json.object();
		actor.put("type", "ACCOUNT_USER");
		actor.put("user_id", userId(u, u % 3 == 1));
		actor.put("user_email", user.email());
		return actor;
	}

	/** A user's id, with the workspace suffix the live feed sometimes adds. */
	private String userId(int u, boolean suffixed) {
		String id = this.users.get(u).id();
		return suffixed ? id + "__" + this.workspaceId : id;
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
