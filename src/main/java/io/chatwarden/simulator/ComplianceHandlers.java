package io.chatwarden.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import io.chatwarden.simulator.GptState.Config;
import io.chatwarden.simulator.GptState.KnowledgeFile;
import io.chatwarden.simulator.GptState.Recipient;
import io.chatwarden.simulator.GptState.Tool;
import io.chatwarden.simulator.Responses.BadParameter;
import io.chatwarden.simulator.Responses.Slice;
import io.chatwarden.simulator.SimulatedWorkspace.ConversationPage;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Compliance API endpoints: users, GPTs and their configs, conversations. */
final class ComplianceHandlers {

	private static final String GPT = "compliance.workspace.gpt";

	private final SimulatedWorkspace workspace;

	private final SimulatorFaults faults;

	ComplianceHandlers(SimulatedWorkspace workspace, SimulatorFaults faults) {
		this.workspace = workspace;
		this.faults = faults;
	}

	Mono<ServerResponse> users(ServerRequest request) {
		int limit = Responses.intParam(request, "limit", 200, 1, 200, true);
		String after = request.queryParam("after").orElse(null);
		Slice<SimUser> slice = Slice.of(this.workspace.directory.users, SimUser::id, after,
				this.faults.pageSize(limit, after));
		List<ObjectNode> data = slice.items().stream().map(ComplianceHandlers::user).toList();
		return Responses.json(Json.complianceList(data, slice.hasMore(), lastId(data)));
	}

	private static ObjectNode user(SimUser u) {
		ObjectNode node = Json.object();
		node.put("object", "compliance.workspace.user");
		node.put("id", u.id());
		node.put("email", u.email());
		node.put("name", u.name());
		node.put("created_at", Seeds.floatSeconds(u.createdAt()));
		node.put("role", u.role());
		node.put("status", u.status());
		return node;
	}

	Mono<ServerResponse> gpts(ServerRequest request) {
		int limit = Responses.intParam(request, "limit", 20, 1, 100, true);
		String after = request.queryParam("after").orElse(null);
		boolean urls = fileUrls(request);
		Slice<String> slice = Slice.of(this.workspace.directory.gptIds, (id) -> id, after,
				this.faults.pageSize(limit, after));
		Instant now = this.workspace.clock().instant();
		List<ObjectNode> data = slice.items().stream().map((id) -> gpt(this.workspace.gpt(id), urls, now)).toList();
		return Responses.json(Json.complianceList(data, slice.hasMore(), lastId(data)));
	}

	Mono<ServerResponse> gpt(ServerRequest request) {
		GptState gpt = this.workspace.directory.gpts.get(request.pathVariable("gpt_id"));
		if (gpt == null) {
			return Responses.notFound("No GPT found with id " + request.pathVariable("gpt_id"));
		}
		return Responses.json(gpt(gpt, fileUrls(request), this.workspace.clock().instant()));
	}

	Mono<ServerResponse> gptConfigs(ServerRequest request) {
		GptState gpt = this.workspace.directory.gpts.get(request.pathVariable("gpt_id"));
		if (gpt == null) {
			return Responses.notFound("No GPT found with id " + request.pathVariable("gpt_id"));
		}
		int limit = Responses.intParam(request, "limit", 20, 1, 100, true);
		String after = request.queryParam("after").orElse(null);
		boolean urls = fileUrls(request);
		Instant now = this.workspace.clock().instant();
		Slice<Config> slice = Slice.of(gpt.configsNewestFirst(), Config::id, after, this.faults.pageSize(limit, after));
		List<ObjectNode> data = slice.items().stream().map((c) -> config(c, urls, now)).toList();
		return Responses.json(Json.complianceList(data, slice.hasMore(), lastId(data)));
	}

	Mono<ServerResponse> conversations(ServerRequest request) {
		if (!this.workspace.properties().statefulConversations()) {
			return Responses.error(HttpStatus.GONE,
					"This endpoint has been retired. Conversation content is available through the Compliance Logs Platform (GET /compliance/workspaces/{workspace_id}/logs with event_type=CONVERSATION_MESSAGE).",
					"invalid_request_error", null, "endpoint_retired");
		}
		String after = request.queryParam("after").filter((s) -> !s.isEmpty()).orElse(null);
		String sinceRaw = request.queryParam("since_timestamp").filter((s) -> !s.isEmpty()).orElse(null);
		if (after != null && sinceRaw != null) {
			// Spec v1.1.5: since_timestamp belongs on the first page only.
			return Responses.badRequest("since_timestamp cannot be combined with after", "since_timestamp");
		}
		Long since = null;
		if (sinceRaw != null) {
			try {
				since = Long.parseLong(sinceRaw);
			}
			catch (NumberFormatException ex) {
				throw new BadParameter("since_timestamp", "since_timestamp must be an integer Unix time");
			}
		}
		int limit = Responses.intParam(request, "limit", 500, 1, 500, true);
		List<String> users = request.queryParams().getOrDefault("users", List.of());
		if (users.size() >= 100) {
			throw new BadParameter("users", "Pass fewer than 100 users per call");
		}
		Set<String> userIds = new LinkedHashSet<>(users);
		boolean urls = fileUrls(request);
		int afterIndex = -1;
		if (after != null) {
			OptionalInt index = this.workspace.conversationIndex(after);
			if (index.isEmpty()) {
				throw new BadParameter("after", "No such conversation: " + after);
			}
			afterIndex = index.getAsInt();
		}
		int take = this.faults.pageSize(limit, (after != null) ? after : sinceRaw);
		int cursor = afterIndex;
		Long sinceSeconds = since;
		// Generating up to 500 conversations is real CPU work: keep it off the event
		// loop.
		return Mono.fromCallable(() -> conversationPage(sinceSeconds, cursor, limit, take, userIds, urls))
			.subscribeOn(SimulatorServer.WORK)
			.flatMap(Responses::json);
	}

	private ObjectNode conversationPage(Long since, int afterIndex, int limit, int take, Set<String> userIds,
			boolean urls) {
		ConversationPage page = this.workspace.listConversations(since, afterIndex, limit, take, userIds,
				this.faults.redelivered());
		List<ObjectNode> data = new ArrayList<>(page.items().size());
		for (var plan : page.items()) {
			ObjectNode c = this.workspace.render(plan.index(), urls);
			if (this.faults.isMalformed(plan.index())) {
				if (plan.index() % 2 == 0) {
					c.put("messages", "oops");
				}
				else {
					c.put("created_at", "yesterday");
				}
			}
			data.add(c);
		}
		return Json.complianceList(data, page.hasMore(), lastId(data));
	}

	private static boolean fileUrls(ServerRequest request) {
		String format = request.queryParam("file_format").orElse("url");
		return switch (format) {
			case "url", "" -> true;
			case "id" -> false;
			default -> throw new BadParameter("file_format", "file_format must be url or id");
		};
	}

	private static String lastId(List<ObjectNode> data) {
		return data.isEmpty() ? null : data.get(data.size() - 1).get("id").asString();
	}

	static ObjectNode gpt(GptState gpt, boolean urls, Instant now) {
		ObjectNode node = Json.object();
		node.put("object", GPT);
		node.put("id", gpt.id);
		node.put("created_at", Seeds.floatSeconds(gpt.createdAt));
		node.put("owner_id", gpt.ownerId);
		node.put("owner_email", gpt.ownerEmail);
		node.put("builder_name", gpt.builderName);
		ObjectNode sharing = node.putObject("sharing");
		sharing.put("object", GPT + ".sharing");
		sharing.put("visibility", gpt.visibility());
		sharing.set("permissions", permissions(true, gpt.everyoneCanViewConfig, false));
		ArrayNode recipients = sharing.putArray("recipients");
		for (Recipient r : gpt.recipients) {
			ObjectNode rn = recipients.addObject();
			rn.put("object", GPT + ".shared_user");
			rn.put("id", r.id());
			rn.put("email", r.email());
			rn.set("permissions", permissions(true, r.canViewConfig(), r.canWrite()));
		}
		Config latest = gpt.latest();
		node.set("latest_config", Json.complianceList(List.of(config(latest, urls, now)), false, latest.id()));
		return node;
	}

	private static ObjectNode permissions(boolean read, boolean viewConfig, boolean write) {
		ObjectNode p = Json.object();
		p.put("object", GPT + ".permissions");
		p.put("can_read", read);
		p.put("can_view_config", viewConfig);
		p.put("can_write", write);
		return p;
	}

	static ObjectNode config(Config config, boolean urls, Instant now) {
		ObjectNode node = Json.object();
		node.put("object", GPT + ".configuration");
		node.put("id", config.id());
		node.put("name", config.name());
		node.put("description", config.description());
		ArrayNode categories = node.putArray("categories");
		config.categories().forEach(categories::add);
		ArrayNode starters = node.putArray("conversation_starters");
		config.conversationStarters().forEach(starters::add);
		node.put("created_at", Seeds.floatSeconds(config.createdAt()));
		node.put("instructions", config.instructions());
		if (config.authorId() == null) {
			node.putNull("version_author");
		}
		else {
			ObjectNode author = node.putObject("version_author");
			author.put("object", GPT + ".version_author");
			author.put("id", config.authorId());
			author.put("email", config.authorEmail());
		}
		List<ObjectNode> files = new ArrayList<>();
		for (KnowledgeFile f : config.files()) {
			ObjectNode fn = Json.object();
			fn.put("object", urls ? GPT + ".file" : GPT + ".file_info");
			fn.put("id", f.id());
			fn.put("name", f.name());
			if (urls) {
				fn.put("created_at", Seeds.floatSeconds(f.createdAt()));
				fn.put("download_url", "https://files.oaiusercontent.example/" + f.id() + "?se="
						+ now.plus(Duration.ofHours(1)).getEpochSecond() + "&sp=r");
			}
			files.add(fn);
		}
		node.set("files", Json.complianceList(files, false, lastId(files)));
		List<ObjectNode> tools = new ArrayList<>();
		for (Tool t : config.tools()) {
			ObjectNode tn = Json.object();
			tn.put("type", t.type());
			tn.put("created_at", Seeds.floatSeconds(t.createdAt()));
			if (t.actionDomain() != null) {
				tn.put("action_domain", t.actionDomain());
				tn.put("action_openapi_raw", t.actionOpenapiRaw());
				tn.put("action_privacy_policy_url", t.actionPrivacyPolicyUrl());
				tn.put("auth_type", t.authType());
			}
			tools.add(tn);
		}
		node.set("tools", Json.complianceList(tools, false, null));
		return node;
	}

}
