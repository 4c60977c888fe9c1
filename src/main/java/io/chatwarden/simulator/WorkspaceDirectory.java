package io.chatwarden.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.chatwarden.simulator.GptState.Config;
import io.chatwarden.simulator.GptState.KnowledgeFile;
import io.chatwarden.simulator.GptState.Recipient;
import io.chatwarden.simulator.GptState.Tool;

/** The workspace's users and custom GPTs: small lists, generated once. */
final class WorkspaceDirectory {

	static final String DOMAIN = "acme.example";

	static final List<String> VISIBILITIES = List.of("invite-only", "workspace-with-link", "workspace",
			"anyone-with-link", "gpt-store");

	private static final long USERS = 1;

	private static final long GPTS = 2;

	final List<SimUser> users;

	/** Active, non-dormant users: the only owners of recent conversations. */
	final List<Integer> recentUsers;

	final Map<String, GptState> gpts;

	final List<String> gptIds;

	WorkspaceDirectory(long seed, int userCount, int gptCount, Instant now) {
		this.users = buildUsers(seed, userCount, now);
		List<Integer> recent = new ArrayList<>();
		for (int k = 0; k < this.users.size(); k++) {
			SimUser u = this.users.get(k);
			if (u.active() && !u.dormant()) {
				recent.add(k);
			}
		}
		this.recentUsers = recent.isEmpty() ? List.of(0) : List.copyOf(recent);
		List<GptState> built = buildGpts(seed, gptCount, now);
		Map<String, GptState> byId = new LinkedHashMap<>();
		built.stream().sorted(Comparator.comparing((GptState g) -> g.id)).forEach((g) -> byId.put(g.id, g));
		this.gpts = byId;
		this.gptIds = List.copyOf(byId.keySet());
	}

	private static List<SimUser> buildUsers(long seed, int count, Instant now) {
		List<SimUser> users = new ArrayList<>(count);
		Set<String> emails = new HashSet<>();
		for (int k = 0; k < count; k++) {
			SplittableRandom rng = Seeds.rng(seed, USERS, k);
			String first = Seeds.oneOf(rng, TextCorpus.FIRST_NAMES);
			String last = Seeds.oneOf(rng, TextCorpus.LAST_NAMES);
			String local = (first + "." + last).toLowerCase();
			String email = local + "@" + DOMAIN;
			if (!emails.add(email)) {
				email = local + k + "@" + DOMAIN;
				emails.add(email);
			}
			// Fixed slots guarantee every role and status at any size; the rest is drawn.
			String role = (k == 0) ? "account-owner"
					: (k <= 2 || rng.nextInt(20) == 0) ? "account-admin" : "standard-user";
			String status = (k % 9 == 4) ? "inactive" : "active";
			boolean dormant = "active".equals(status) && k % 13 == 6;
			Instant created = now.minus(Duration.ofMinutes(30L * 24 * 60 + rng.nextLong(370L * 24 * 60)));
			users.add(new SimUser("user-" + Seeds.alnum(rng, 24), email, first + " " + last, created, role, status,
					dormant));
		}
		users.sort(Comparator.comparing(SimUser::id));
		// The audit feed changes the roles of users 6 to 9 (see LogScenario): the list
		// shows each one's role as it is now, after those changes.
		String[] current = { "account-admin", "account-owner", "standard-user", "standard-user" };
		for (int u = 6; u < Math.min(10, users.size()); u++) {
			SimUser user = users.get(u);
			users.set(u, new SimUser(user.id(), user.email(), user.name(), user.createdAt(), current[u - 6],
					user.status(), user.dormant()));
		}
		return List.copyOf(users);
	}

	private List<GptState> buildGpts(long seed, int count, Instant now) {
		List<GptState> result = new ArrayList<>(count);
		SimUser inactiveOwner = this.users.stream().filter((u) -> !u.active()).findFirst().orElse(this.users.get(0));
		for (int j = 0; j < count; j++) {
			SplittableRandom rng = Seeds.rng(seed, GPTS, j);
			String id = "g-" + Seeds.hex(rng, 32);
			String ownerId;
			String ownerEmail;
			String ownerName;
			if (j == 6) {
				ownerId = inactiveOwner.id();
				ownerEmail = inactiveOwner.email();
				ownerName = inactiveOwner.name();
			}
			else if (j == 7) {
				// An owner who left: the id is not among the workspace users.
				ownerId = "user-" + Seeds.alnum(rng, 24);
				ownerEmail = "former.contractor@" + DOMAIN;
				ownerName = "Former Contractor";
			}
			else {
				SimUser owner = this.users.get(this.recentUsers.get(rng.nextInt(this.recentUsers.size())));
				ownerId = owner.id();
				ownerEmail = owner.email();
				ownerName = owner.name();
			}
			String visibility = VISIBILITIES.get(j % VISIBILITIES.size());
			List<Recipient> recipients = new ArrayList<>();
			if (j % VISIBILITIES.size() <= 1) {
				int n = 1 + rng.nextInt(3);
				for (int r = 0; r < n; r++) {
					SimUser u = this.users.get(rng.nextInt(this.users.size()));
					recipients.add(new Recipient(u.id(), u.email(), rng.nextBoolean(), rng.nextInt(4) == 0));
				}
				if (j % 3 == 0) {
					recipients.add(new Recipient("user-" + Seeds.alnum(rng, 24),
							Seeds.oneOf(rng, TextCorpus.FIRST_NAMES).toLowerCase() + "@northwind-partners.example",
							false, false));
				}
			}
			Instant created = now.minus(Duration.ofHours(24L * 20 + rng.nextLong(24L * 300)));
			String builder = (j % 4 == 3) ? "Community Builder" : ownerName;
			GptState gpt = new GptState(id, created, ownerId, ownerEmail, builder, visibility, j % 2 == 0, recipients);
			int versions = 1 + j % 3;
			List<Tool> latestTools = toolsFor(j, rng, created);
			String name = TextCorpus.GPT_NAMES.get(j % TextCorpus.GPT_NAMES.size())
					+ ((j >= TextCorpus.GPT_NAMES.size()) ? " " + (j / TextCorpus.GPT_NAMES.size() + 1) : "");
			List<KnowledgeFile> files = new ArrayList<>();
			int fileCount = rng.nextInt(4);
			for (int f = 0; f < fileCount; f++) {
				files.add(new KnowledgeFile("file-" + Seeds.alnum(rng, 24),
						TextCorpus.KNOWLEDGE_FILES.get((j + f) % TextCorpus.KNOWLEDGE_FILES.size()),
						created.plusSeconds(60L * f)));
			}
			files.addAll(PlantedFiles.forGpt(j, created));
			String category = Seeds.oneOf(rng, TextCorpus.GPT_CATEGORIES);
			for (int v = 0; v < versions; v++) {
				Instant at = created.plus(Duration.ofHours(24L * 5 * v + rng.nextInt(20)));
				// Older versions lack the last tool: the GPT gained it later.
				List<Tool> tools = (v == versions - 1 || latestTools.isEmpty()) ? latestTools
						: latestTools.subList(0, latestTools.size() - 1);
				boolean authorKnown = j != 5;
				gpt.addConfig(new Config(configId(seed, j, v), name, "Helps the " + category + " crowd: " + name + ".",
						List.of(category), List.of("What can you do?", "Help me get started with " + name), at,
						"You are " + name + ". Be accurate and brief; ask before assuming.",
						authorKnown ? ownerId : null, authorKnown ? ownerEmail : null, List.copyOf(files),
						List.copyOf(tools)));
			}
			result.add(gpt);
		}
		return result;
	}

	static String configId(long seed, int gpt, int version) {
		return "gzm_cnf_" + Seeds.hex(Seeds.rng(seed, GPTS, gpt, version + 1000L), 24);
	}

	/** Fixed slots cover every tool type and auth type; later GPTs draw theirs. */
	private static List<Tool> toolsFor(int j, SplittableRandom rng, Instant at) {
		return switch (j) {
			case 0 -> List.of(Tool.plain("code_interpreter", at), Tool.plain("browser", at), Tool.plain("dall-e", at));
			case 1 -> List.of(Tool.action(at, "api.weather-data.example", "none"));
			case 2 -> List.of(Tool.plain("browser", at), Tool.action(at, "crm.salesforce-sandbox.example", "oauth"));
			case 3 -> List.of(Tool.plain("memory", at), Tool.action(at, "hooks.internal-tools.example", "api_key"));
			case 4 -> List.of(Tool.plain("browser", at), Tool.plain("canvas", at));
			case 5 -> List.of();
			default -> {
				List<Tool> tools = new ArrayList<>();
				for (String type : List.of("code_interpreter", "browser", "dall-e", "memory")) {
					if (rng.nextInt(3) == 0) {
						tools.add(Tool.plain(type, at));
					}
				}
				if (rng.nextInt(5) == 0) {
					tools.add(Tool.action(at, "api.partner" + j + ".example", rng.nextBoolean() ? "oauth" : "none"));
				}
				yield tools;
			}
		};
	}

}
