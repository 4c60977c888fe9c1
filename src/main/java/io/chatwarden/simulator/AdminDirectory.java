package io.chatwarden.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ObjectNode;

/**
 * The organization side (Admin API): admin keys, projects and their keys, org users and
 * invites, generated once as served JSON. Fixed slots plant the cases the findings look
 * for (old keys, keys last used 29 and 31 days ago, stale and high-privilege invites).
 */
final class AdminDirectory {

	private static final long ADMIN_KEYS = 10;

	private static final long PROJECTS = 11;

	private static final long PROJECT_KEYS = 12;

	private static final long ORG_USERS = 13;

	private static final long INVITES = 14;

	private static final List<String> ADMIN_KEY_NAMES = List.of("Main Admin Key", "Chatwarden sync", "Terraform",
			"SCIM bridge", "Billing export", "Old laptop key");

	private static final List<String> PROJECT_NAMES = List.of("Default project", "Support bot", "Internal search",
			"Legacy prototype", "Marketing experiments", "Data pipeline");

	/** Ascending creation time (the {@code order=asc} listing). */
	final List<ObjectNode> adminKeys;

	final List<ObjectNode> projects;

	final Map<String, List<ObjectNode>> projectKeys;

	final List<ObjectNode> orgUsers;

	final List<ObjectNode> invites;

	AdminDirectory(long seed, SimulatorProperties props, Instant now) {
		this.orgUsers = buildOrgUsers(seed, props.orgUsers(), now);
		this.adminKeys = buildAdminKeys(seed, props.adminKeys(), now);
		this.projects = buildProjects(seed, props.projects(), now);
		this.projectKeys = buildProjectKeys(seed, props.keysPerProject(), now);
		this.invites = buildInvites(seed, props.invites(), now);
	}

	private static long ago(Instant now, long days) {
		return now.minus(Duration.ofDays(days)).getEpochSecond();
	}

	private List<ObjectNode> buildOrgUsers(long seed, int count, Instant now) {
		List<ObjectNode> users = new ArrayList<>();
		for (int k = 0; k < count; k++) {
			SplittableRandom rng = Seeds.rng(seed, ORG_USERS, k);
			String first = Seeds.oneOf(rng, TextCorpus.FIRST_NAMES);
			String last = Seeds.oneOf(rng, TextCorpus.LAST_NAMES);
			ObjectNode u = Json.object();
			u.put("object", "organization.user");
			u.put("id", "user-" + Seeds.alnum(rng, 24));
			u.put("name", first + " " + last);
			u.put("email", (first + "." + last).toLowerCase() + k + "@" + WorkspaceDirectory.DOMAIN);
			u.put("role", (k < 2) ? "owner" : "reader");
			u.put("added_at", ago(now, 20 + rng.nextInt(600)));
			u.put("is_service_account", false);
			users.add(u);
		}
		users.sort(Comparator.comparing((ObjectNode u) -> u.get("id").asString()));
		return List.copyOf(users);
	}

	private ObjectNode owner(int k) {
		ObjectNode user = this.orgUsers.get(k % this.orgUsers.size());
		ObjectNode owner = Json.object();
		owner.put("type", "user");
		owner.put("object", "organization.user");
		owner.put("id", user.get("id").asString());
		owner.put("name", user.get("name").asString());
		owner.put("created_at", user.get("added_at").asLong());
		owner.put("role", "owner");
		return owner;
	}

	private List<ObjectNode> buildAdminKeys(long seed, int count, Instant now) {
		List<ObjectNode> keys = new ArrayList<>();
		for (int k = 0; k < count; k++) {
			SplittableRandom rng = Seeds.rng(seed, ADMIN_KEYS, k);
			// {created days ago, last used days ago (-1: never)}; slot 4 also expires.
			long[][] slots = { { 200, 0 }, { 120, 29 }, { 40, 31 }, { 10, -1 }, { 5, 2 }, { 95, -1 } };
			long created = (k < slots.length) ? slots[k][0] : 1 + rng.nextInt(300);
			// A key is never used before it was created.
			long lastUsed = Math.min(created, (k < slots.length) ? slots[k][1] : rng.nextInt(4) - 1L);
			ObjectNode key = Json.object();
			key.put("object", "organization.admin_api_key");
			key.put("id", "key_" + Seeds.alnum(rng, 16));
			key.put("name", ADMIN_KEY_NAMES.get(k % ADMIN_KEY_NAMES.size()));
			key.put("redacted_value", "sk-admin..." + Seeds.alnum(rng, 3));
			key.put("created_at", ago(now, created) - rng.nextInt(3600));
			if (k == 4) {
				key.put("expires_at", now.plus(Duration.ofDays(60)).getEpochSecond());
			}
			else {
				key.putNull("expires_at");
			}
			if (lastUsed < 0) {
				key.putNull("last_used_at");
			}
			else {
				key.put("last_used_at", (lastUsed == 0) ? now.getEpochSecond() - 3600 : ago(now, lastUsed));
			}
			key.set("owner", owner(k));
			keys.add(key);
		}
		keys.sort(Comparator.comparingLong((ObjectNode key) -> key.get("created_at").asLong())
			.thenComparing((ObjectNode key) -> key.get("id").asString()));
		return List.copyOf(keys);
	}

	private static List<ObjectNode> buildProjects(long seed, int count, Instant now) {
		List<ObjectNode> projects = new ArrayList<>();
		for (int p = 0; p < count; p++) {
			SplittableRandom rng = Seeds.rng(seed, PROJECTS, p);
			ObjectNode project = Json.object();
			project.put("object", "organization.project");
			project.put("id", "proj_" + Seeds.alnum(rng, 24));
			project.put("name",
					PROJECT_NAMES.get(p % PROJECT_NAMES.size()) + ((p >= PROJECT_NAMES.size()) ? " " + p : ""));
			project.put("created_at", ago(now, 100 + rng.nextInt(500)));
			boolean archived = p == 3;
			if (archived) {
				project.put("archived_at", ago(now, 45));
				project.put("status", "archived");
			}
			else {
				project.putNull("archived_at");
				project.put("status", "active");
			}
			projects.add(project);
		}
		projects.sort(Comparator.comparing((ObjectNode pr) -> pr.get("id").asString()));
		return List.copyOf(projects);
	}

	private Map<String, List<ObjectNode>> buildProjectKeys(long seed, int perProject, Instant now) {
		Map<String, List<ObjectNode>> result = new LinkedHashMap<>();
		int g = 0;
		for (ObjectNode project : this.projects) {
			List<ObjectNode> keys = new ArrayList<>();
			for (int q = 0; q < perProject; q++, g++) {
				SplittableRandom rng = Seeds.rng(seed, PROJECT_KEYS, g);
				// {created days ago, last used days ago (-1: never)} by slot.
				long[][] slots = { { 100, 29 }, { 40, 31 }, { 30, -1 }, { 200, 1 } };
				long[] slot = slots[g % slots.length];
				boolean serviceAccount = g % 2 == 1;
				ObjectNode key = Json.object();
				key.put("object", "organization.project.api_key");
				key.put("id", "key_" + Seeds.alnum(rng, 16));
				key.put("name", serviceAccount ? "svc-" + Seeds.oneOf(rng, List.of("ingest", "bot", "etl", "ci"))
						: Seeds.oneOf(rng, List.of("laptop", "notebook", "staging", "demo")) + " key");
				key.put("redacted_value", (serviceAccount ? "sk-svcacct-..." : "sk-proj-...") + Seeds.alnum(rng, 3));
				key.put("created_at", ago(now, slot[0]) - rng.nextInt(3600));
				if (slot[1] < 0) {
					key.putNull("last_used_at");
				}
				else {
					key.put("last_used_at", ago(now, slot[1]));
				}
				key.put("owner_project_access", (g % 5 == 4) ? "inactive" : "active");
				ObjectNode owner = key.putObject("owner");
				if (serviceAccount) {
					owner.put("type", "service_account");
					ObjectNode sa = owner.putObject("service_account");
					sa.put("id", "svc_acct_" + Seeds.alnum(rng, 16));
					sa.put("name", key.get("name").asString());
					sa.put("created_at", key.get("created_at").asLong());
					sa.put("role", "member");
				}
				else {
					ObjectNode orgUser = this.orgUsers.get(g % this.orgUsers.size());
					owner.put("type", "user");
					ObjectNode user = owner.putObject("user");
					user.put("id", orgUser.get("id").asString());
					user.put("email", orgUser.get("email").asString());
					user.put("name", orgUser.get("name").asString());
					user.put("created_at", orgUser.get("added_at").asLong());
					user.put("role", (g % 3 == 0) ? "owner" : "member");
				}
				keys.add(key);
			}
			keys.sort(Comparator.comparing((ObjectNode k) -> k.get("id").asString()));
			result.put(project.get("id").asString(), List.copyOf(keys));
		}
		return result;
	}

	private List<ObjectNode> buildInvites(long seed, int count, Instant now) {
		List<ObjectNode> invites = new ArrayList<>();
		for (int k = 0; k < count; k++) {
			SplittableRandom rng = Seeds.rng(seed, INVITES, k);
			ObjectNode invite = Json.object();
			invite.put("object", "organization.invite");
			invite.put("id", "invite-" + Seeds.alnum(rng, 20));
			invite.put("email", Seeds.oneOf(rng, TextCorpus.FIRST_NAMES).toLowerCase() + ".invitee" + k + "@"
					+ ((k % 3 == 2) ? "gmail.example" : WorkspaceDirectory.DOMAIN));
			String role = (k == 0) ? "owner" : "reader";
			String status;
			long createdDaysAgo;
			Long expiresAt;
			Long acceptedAt = null;
			switch (k) {
				case 0 -> { // pending high-privilege invite
					status = "pending";
					createdDaysAgo = 1;
					expiresAt = now.plus(Duration.ofDays(6)).getEpochSecond();
				}
				case 1 -> { // pending, but past its expiry
					status = "pending";
					createdDaysAgo = 9;
					expiresAt = ago(now, 2);
				}
				case 2 -> { // old pending invite without expiry
					status = "pending";
					createdDaysAgo = 12;
					expiresAt = null;
				}
				case 3 -> {
					status = "accepted";
					createdDaysAgo = 20;
					expiresAt = ago(now, 13);
					acceptedAt = ago(now, 19);
				}
				case 4 -> {
					status = "expired";
					createdDaysAgo = 30;
					expiresAt = ago(now, 23);
				}
				default -> {
					boolean accepted = k % 2 == 0;
					status = accepted ? "accepted" : "pending";
					createdDaysAgo = 1 + rng.nextInt(5);
					expiresAt = now.plus(Duration.ofDays(7 - createdDaysAgo)).getEpochSecond();
					acceptedAt = accepted ? now.getEpochSecond() - 3600 : null;
				}
			}
			invite.put("role", role);
			invite.put("status", status);
			// Odd slots carry the pre-2025 field name, as older deployments still serve
			// it.
			invite.put((k % 2 == 1) ? "invited_at" : "created_at", ago(now, createdDaysAgo));
			invite.put("expires_at", expiresAt);
			invite.put("accepted_at", acceptedAt);
			var projectsArray = invite.putArray("projects");
			if (!this.projects.isEmpty() && k % 2 == 1) {
				ObjectNode p = projectsArray.addObject();
				p.put("id", this.projects.get(k % this.projects.size()).get("id").asString());
				p.put("role", "member");
			}
			invites.add(invite);
		}
		invites.sort(Comparator.comparing((ObjectNode i) -> i.get("id").asString()));
		return List.copyOf(invites);
	}

}
