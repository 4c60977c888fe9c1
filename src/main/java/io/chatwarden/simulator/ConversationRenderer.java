package io.chatwarden.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one conversation's JSON from its plan: a system message, then user turns with
 * tool calls, citations, files and the odd regenerated answer (a branch in the
 * {@code parent_id} tree). Same plan and seed, same text.
 */
final class ConversationRenderer {

	private static final long TEXT = 40;

	private static final long MESSAGE_IDS = 41;

	private static final long TOUCH = 42;

	private static final long PROJECTS = 43;

	private static final String MESSAGE = "compliance.workspace.conversation.message";

	private final long seed;

	private final String workspaceId;

	private final List<String> projectIds;

	ConversationRenderer(long seed, String workspaceId) {
		this.seed = seed;
		this.workspaceId = workspaceId;
		List<String> projects = new ArrayList<>();
		for (int p = 0; p < 3; p++) {
			projects.add("g-p-" + Seeds.hex(Seeds.rng(seed, PROJECTS, p), 32));
		}
		this.projectIds = List.copyOf(projects);
	}

	ObjectNode render(ConversationPlan plan, SimUser user, String gptId, String plantedText, boolean fileUrls,
			Instant now) {
		SplittableRandom rng = Seeds.rng(this.seed, TEXT, plan.index());
		Topic topic = TextCorpus.TOPICS.get(plan.topicIndex());
		String title = topic.title(rng);
		String projectId = (plan.projectSlot() >= 0) ? this.projectIds.get(plan.projectSlot()) : null;
		Builder b = new Builder(plan, user, gptId, projectId, fileUrls, now);
		int n = plan.baseMessages();
		b.add(null, "system", null, null, null, List.of(), rng);
		int opener = rng.nextInt(topic.openers().size());
		boolean first = true;
		while (b.count < n) {
			String text = !first ? topic.followUp(rng)
					: (plantedText != null) ? plantedText : topic.fill(topic.openers().get(opener), rng);
			int answering = (first && plantedText == null) ? opener : -1;
			first = false;
			int files = (rng.nextInt(8) == 0) ? 1 + rng.nextInt(2) : 0;
			b.add(b.tip, "user", null, text, null, List.of(), rng, files);
			if (b.count >= n) {
				break;
			}
			String tool = pickTool(rng, files > 0);
			if (tool != null) {
				b.add(b.tip, "tool", tool, toolText(tool, title, rng), toolType(tool), List.of(), rng);
				if (b.count >= n) {
					break;
				}
			}
			List<String> urls = "browser".equals(tool) ? citations(rng) : List.of();
			String parent = b.tip;
			b.add(parent, "assistant", null, topic.reply(rng, answering), "text", urls, rng);
			if (b.count < n && rng.nextInt(12) == 0) {
				// A regenerated answer: a sibling of the previous one, and the branch the
				// chat continues on.
				b.add(parent, "assistant", null, topic.reply(rng, -1), "text", urls, rng);
			}
		}
		for (int t = 0; t < plan.touches().size(); t++) {
			SplittableRandom touchRng = Seeds.rng(this.seed, TOUCH, plan.index(), t);
			b.time = plan.touches().get(t);
			b.add(b.tip, "user", null, "Picking this up again: " + topic.followUp(touchRng), "text", List.of(),
					touchRng);
		}
		ObjectNode c = Json.object();
		c.put("object", "compliance.workspace.conversation");
		c.put("id", plan.id());
		c.put("workspace_id", this.workspaceId);
		c.put("user_id", user.id());
		c.put("user_email", user.email());
		c.put("created_at", Seeds.floatSeconds(plan.createdAt()));
		c.put("last_active_at", Seeds.floatSeconds(plan.lastActiveAt()));
		c.put("title", title);
		// Live data sometimes leaves the embedded list's last_id null.
		String lastId = (plan.index() % 4 == 3) ? null : b.tip;
		c.set("messages", Json.complianceList(b.messages, false, lastId));
		return c;
	}

	private static String pickTool(SplittableRandom rng, boolean userSentFiles) {
		if (userSentFiles && rng.nextBoolean()) {
			return "myfiles_browser";
		}
		return switch (rng.nextInt(12)) {
			case 0, 1 -> "python";
			case 2, 3 -> "browser";
			case 4 -> "dalle";
			default -> null;
		};
	}

	/** Null for tools whose output the API does not serve. */
	private static String toolText(String tool, String title, SplittableRandom rng) {
		return switch (tool) {
			case "python" -> "   segment  count   share\n0  enterprise    " + (10 + rng.nextInt(90)) + "   0."
					+ (10 + rng.nextInt(80)) + "\n1  smb           " + (10 + rng.nextInt(90)) + "   0."
					+ (10 + rng.nextInt(80));
			case "browser" -> "Searched the web for: " + title;
			case "myfiles_browser" -> rng.nextBoolean() ? null : "Quoted from the uploaded file: section 2, page 4.";
			default -> null;
		};
	}

	private static String toolType(String tool) {
		return switch (tool) {
			case "python" -> "execution_output";
			case "browser" -> "tether_browsing_display";
			default -> "tether_quote";
		};
	}

	private static List<String> citations(SplittableRandom rng) {
		int n = 1 + rng.nextInt(2);
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String url = Seeds.oneOf(rng, TextCorpus.CITATION_URLS);
			if (!urls.contains(url)) {
				urls.add(url);
			}
		}
		return urls;
	}

	/** Accumulates messages, their ids and times. */
	private final class Builder {

		final ConversationPlan plan;

		final SimUser user;

		final String gptId;

		final String projectId;

		final boolean fileUrls;

		final Instant now;

		final List<ObjectNode> messages = new ArrayList<>();

		int count;

		String tip;

		Instant time;

		Builder(ConversationPlan plan, SimUser user, String gptId, String projectId, boolean fileUrls, Instant now) {
			this.plan = plan;
			this.user = user;
			this.gptId = gptId;
			this.projectId = projectId;
			this.fileUrls = fileUrls;
			this.now = now;
		}

		void add(String parent, String role, String tool, String text, String type, List<String> urls,
				SplittableRandom rng) {
			add(parent, role, tool, text, type, urls, rng, 0);
		}

		void add(String parent, String role, String tool, String text, String type, List<String> urls,
				SplittableRandom rng, int files) {
			int ordinal = this.count++;
			String id = Seeds.uuid(Seeds.rng(ConversationRenderer.this.seed, MESSAGE_IDS, this.plan.index(), ordinal));
			ObjectNode m = Json.object();
			m.put("object", MESSAGE);
			m.put("id", id);
			m.put("parent_id", parent);
			boolean system = "system".equals(role);
			Instant at = (this.time != null) ? this.time : baseTime(ordinal);
			if (system) {
				m.putNull("created_at");
			}
			else {
				m.put("created_at", Seeds.floatSeconds(at));
			}
			m.put("gpt_id", system ? null : this.gptId);
			m.put("project_id", system ? null : this.projectId);
			ObjectNode author = m.putObject("author");
			author.put("object", MESSAGE + ".author");
			author.put("role", role);
			author.put("tool_name", tool);
			if (text == null) {
				m.putNull("content");
			}
			else {
				ObjectNode content = m.putObject("content");
				content.put("object", MESSAGE + ".content");
				content.put("type", (type != null) ? type : "text");
				content.put("value", text);
				ArrayNode annotations = content.putArray("annotations");
				if (!urls.isEmpty()) {
					ObjectNode citation = annotations.addObject();
					citation.put("type", "url_citation");
					ArrayNode list = citation.putArray("urls");
					urls.forEach(list::add);
				}
			}
			List<ObjectNode> fileNodes = new ArrayList<>();
			for (int f = 0; f < files; f++) {
				fileNodes.add(file(rng, at));
			}
			String lastFile = fileNodes.isEmpty() ? null : fileNodes.get(fileNodes.size() - 1).get("id").asString();
			m.set("files", Json.complianceList(fileNodes, false, lastFile));
			this.messages.add(m);
			this.tip = id;
		}

		/** Spread over the conversation's life; the last generated message ends it. */
		private Instant baseTime(int ordinal) {
			int n = this.plan.baseMessages();
			long start = this.plan.createdAt().toEpochMilli();
			long end = this.plan.baseLastActiveAt().toEpochMilli();
			long at = (ordinal >= n - 1) ? end : start + (end - start) * ordinal / Math.max(1, n - 1);
			return Instant.ofEpochMilli(at).plusNanos((ordinal * 7919L % 1000) * 1000);
		}

		private ObjectNode file(SplittableRandom rng, Instant at) {
			String id = "file-" + Seeds.alnum(rng, 22);
			String name = Seeds.oneOf(rng, TextCorpus.FILE_NAMES);
			boolean expired = rng.nextInt(20) == 0;
			String sig = Seeds.hex(rng, 32);
			ObjectNode file = Json.object();
			if (this.fileUrls) {
				file.put("object", MESSAGE + ".file");
				file.put("id", id);
				file.put("name", name);
				if (expired) {
					// An expired upload: the API nulls its time and URL.
					file.putNull("created_at");
					file.putNull("download_url");
				}
				else {
					file.put("created_at", Seeds.floatSeconds(at.minusSeconds(5)));
					file.put("download_url", "https://files.oaiusercontent.example/" + id + "?se="
							+ this.now.plus(Duration.ofHours(1)).getEpochSecond() + "&sp=r&sig=" + sig);
				}
			}
			else {
				file.put("object", MESSAGE + ".file_info");
				file.put("id", id);
				file.put("name", name);
				file.put("user_id", this.user.id());
			}
			return file;
		}

	}

}
