package io.chatwarden.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.DlpMatch;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.conversation.MessageDocument.FileDocument;
import io.chatwarden.directory.AdminKeyDocument;
import io.chatwarden.directory.InviteDocument;
import io.chatwarden.directory.OrgUserDocument;
import io.chatwarden.directory.ProjectDocument;
import io.chatwarden.directory.ProjectKeyDocument;
import io.chatwarden.directory.WorkspaceUserDocument;
import io.chatwarden.dlp.DlpResult;
import io.chatwarden.events.EventDocument;
import io.chatwarden.gpt.GptDocument;
import io.chatwarden.openai.AdminApiKey;
import io.chatwarden.openai.ComplianceConversation;
import io.chatwarden.openai.ComplianceGpt;
import io.chatwarden.openai.ComplianceMessage;
import io.chatwarden.openai.ComplianceUser;
import io.chatwarden.openai.ConversationMessageEvent;
import io.chatwarden.openai.GptConfig;
import io.chatwarden.openai.GptPermissions;
import io.chatwarden.openai.GptSharing;
import io.chatwarden.openai.GptTool;
import io.chatwarden.openai.LogEvent;
import io.chatwarden.openai.OrgInvite;
import io.chatwarden.openai.OrgProject;
import io.chatwarden.openai.OrgUser;
import io.chatwarden.openai.ProjectApiKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's records and events turned into the documents the read side knows: the only
 * place (with the {@code openai} client) that knows their shapes. Every free text goes
 * through {@link Redaction} here, so both conversation paths and the events store masked
 * text only.
 */
final class Documents {

	/** Fields of non-message events that hold what a user wrote (or was answered). */
	private static final Set<String> USER_TEXT = Set.of("prompt_text", "text", "response_text", "input", "prompt",
			"output", "query", "message");

	private static final JsonMapper json = JsonMapper.builder().build();

	private Documents() {
	}

	static WorkspaceUserDocument user(ComplianceUser user, Instant now) {
		return new WorkspaceUserDocument(user.id(), user.email(), user.name(), user.role(), user.status(),
				user.createdAt(), now);
	}

	static AdminKeyDocument adminKey(AdminApiKey key, Instant now) {
		return new AdminKeyDocument(key.id(), key.name(), key.redactedValue(), key.createdAt(), key.expiresAt(),
				key.lastUsedAt(), key.ownerType(), key.ownerId(), key.ownerName(), key.ownerRole(), now);
	}

	static ProjectDocument project(OrgProject project, Instant now) {
		return new ProjectDocument(project.id(), project.name(), project.createdAt(), project.archivedAt(),
				project.status(), now);
	}

	static ProjectKeyDocument projectKey(ProjectApiKey key, Instant now) {
		return new ProjectKeyDocument(key.id(), key.projectId(), key.name(), key.redactedValue(), key.createdAt(),
				key.lastUsedAt(), key.ownerType(), key.ownerId(), key.ownerEmail(), key.ownerName(), key.ownerRole(),
				key.ownerProjectAccess(), now);
	}

	static OrgUserDocument orgUser(OrgUser user, Instant now) {
		return new OrgUserDocument(user.id(), user.name(), user.email(), user.role(), user.addedAt(), now);
	}

	static InviteDocument invite(OrgInvite invite, Instant now) {
		return new InviteDocument(invite.id(), invite.email(), invite.role(), invite.status(), invite.createdAt(),
				invite.expiresAt(), invite.acceptedAt(),
				invite.projects().stream().map((p) -> new InviteDocument.InviteProject(p.id(), p.role())).toList(),
				now);
	}

	/** A GPT's current configuration, its free text masked. */
	static GptDocument gpt(ComplianceGpt gpt, Redaction dlp, Instant now) {
		GptConfig config = gpt.latestConfig();
		GptSharing sharing = gpt.sharing();
		List<GptTool> tools = (config == null) ? List.of() : config.tools();
		return new GptDocument(gpt.id(), (config == null) ? null : dlp.mask(config.name()),
				(config == null) ? null : dlp.mask(config.description()),
				(config == null) ? null : dlp.mask(config.instructions()), gpt.ownerId(), gpt.ownerEmail(),
				gpt.builderName(), gpt.createdAt(), (sharing == null) ? null : sharing.visibility(),
				(sharing == null) ? null : permissions(sharing.permissions()),
				(sharing == null) ? List.of()
						: sharing.recipients()
							.stream()
							.map((r) -> recipient(r.id(), r.email(), r.permissions()))
							.toList(),
				tools.stream().map(GptTool::type).distinct().toList(),
				tools.stream()
					.filter((tool) -> "custom_action".equals(tool.type()))
					.map((tool) -> new GptDocument.CustomAction(tool.actionDomain(), tool.authType(),
							tool.actionPrivacyPolicyUrl()))
					.toList(),
				(config == null) ? List.of()
						: config.files()
							.stream()
							.map((f) -> new GptDocument.KnowledgeFile(f.id(), dlp.mask(f.name()), f.createdAt()))
							.toList(),
				(config == null) ? null : config.id(), (config == null) ? null : config.createdAt(),
				(config == null) ? null : config.versionAuthorEmail(),
				(config == null) ? List.of() : config.categories(),
				(config == null) ? List.of() : dlp.mask(config.conversationStarters()), now);
	}

	private static GptDocument.Permissions permissions(GptPermissions p) {
		return (p == null) ? null : new GptDocument.Permissions(p.canRead(), p.canViewConfig(), p.canWrite());
	}

	private static GptDocument.Recipient recipient(String id, String email, GptPermissions p) {
		return new GptDocument.Recipient(id, email, (p == null) ? null : p.canRead(),
				(p == null) ? null : p.canViewConfig(), (p == null) ? null : p.canWrite());
	}

	/** A stateful conversation: its messages in reading order, then the conversation. */
	static Conversation conversation(ComplianceConversation c, Redaction dlp, Instant now) {
		List<ComplianceMessage> ordered = ReadingOrder.of(c.messages());
		String title = dlp.mask(c.title());
		List<MessageDocument> messages = new ArrayList<>(ordered.size());
		for (int position = 0; position < ordered.size(); position++) {
			ComplianceMessage m = ordered.get(position);
			messages.add(message(m.id(), c.id(), m.parentId(), position, m.role(), m.toolName(), m.contentType(),
					m.text(), m.createdAt(), m.gptId(), m.projectId(), c.userId(), c.userEmail(), title,
					c.lastActiveAt(), m.citationUrls(),
					m.files().stream().map((f) -> new FileDocument(f.id(), dlp.mask(f.name()))).toList(), null, null,
					null, "stateful", null, null, null, dlp, now));
		}
		List<ComplianceMessage> all = c.messages();
		ConversationDocument conversation = new ConversationDocument(c.id(), c.workspaceId(), c.userId(), c.userEmail(),
				title, c.createdAt(), c.lastActiveAt(), all.size(),
				distinct(all.stream().map(ComplianceMessage::gptId)),
				distinct(all.stream().map(ComplianceMessage::projectId)),
				distinct(all.stream().map(ComplianceMessage::toolName)),
				all.stream().map(ComplianceMessage::files).mapToInt(Collection::size).sum(),
				Redaction.union(messages.stream().map(MessageDocument::dlpDetectors).toList()), now);
		return new Conversation(conversation, messages);
	}

	/**
	 * A {@code CONVERSATION_MESSAGE} event: its position is the seconds since the
	 * conversation started, so messages sort in time order without the whole tree. The
	 * conversation's last activity is not in the event: its messages carry the
	 * conversation's start instead, the same value on each, so that search collapses and
	 * pages them as one conversation.
	 */
	static MessageDocument message(ConversationMessageEvent e, Redaction dlp, Instant now) {
		Instant created = (e.createdAt() != null) ? e.createdAt() : e.timestamp();
		int position = (created != null && e.conversationCreatedAt() != null)
				? (int) Math.max(0, Duration.between(e.conversationCreatedAt(), created).toSeconds()) : 0;
		return message(e.messageId(), e.conversationId(), e.parentId(), position, e.role(), e.toolName(),
				e.contentType(), e.text(), e.createdAt(), e.gptId(), e.projectId(), userId(e.userId()), e.userEmail(),
				dlp.mask(e.title()), (e.conversationCreatedAt() != null) ? e.conversationCreatedAt() : created,
				e.citationUrls(), e.files().stream().map((f) -> new FileDocument(f.id(), dlp.mask(f.name()))).toList(),
				e.model(), e.toolsUsed().isEmpty() ? null : e.toolsUsed(), e.clientType(), "logs",
				e.conversationCreatedAt(), e.pinned(), e.temporary(), dlp, now);
	}

	private static MessageDocument message(String id, String conversationId, String parentId, int position, String role,
			String toolName, String contentType, String text, Instant createdAt, String gptId, String projectId,
			String userId, String userEmail, String title, Instant lastActiveAt, List<String> citationUrls,
			List<FileDocument> files, String model, List<String> toolsUsed, String clientType, String source,
			Instant conversationCreatedAt, Boolean pinned, Boolean temporary, Redaction dlp, Instant now) {
		DlpResult scan = dlp.scan(text);
		List<DlpMatch> matches = scan.matches();
		return new MessageDocument(id, conversationId, parentId, position, role, toolName, contentType,
				scan.redactedText(), createdAt, gptId, projectId, userId, userEmail, title, lastActiveAt, citationUrls,
				files, model, toolsUsed, clientType, source, Redaction.detectors(matches),
				matches.isEmpty() ? null : matches, now, conversationCreatedAt, pinned, temporary);
	}

	/**
	 * Any other event, whole: what happened lifted out whatever the type, the PART 0
	 * shapes of the well-known actions read, user-written text masked and searchable.
	 * @param productKey the redacted id ({@code sk-...ABCD}) of this installation's key
	 */
	@SuppressWarnings("unchecked")
	static EventDocument event(LogEvent e, Redaction dlp, String productKey, Instant now) {
		JsonNode node = e.raw();
		JsonNode data = e.actionData();
		String action = (e.action() != null) ? e.action() : text(data, "action");
		String setting = lower(first(text(data, "feature"), text(data, "setting")));
		Boolean enabled = bool(data, "value");
		if (enabled == null) {
			enabled = bool(data, "enabled");
		}
		if (action != null && action.contains("IP_ALLOWLIST") && data != null && data.path("allowed_ips").isArray()) {
			setting = "ip_allowlist";
			enabled = !data.path("allowed_ips").isEmpty();
		}
		List<String> texts = new ArrayList<>();
		collectText(node.path("event_details"), texts);
		collectText(data, texts);
		DlpResult scan = dlp.scan(texts.isEmpty() ? null : String.join("\n", texts));
		JsonNode masked = dlp.mask(node);
		JsonNode maskedData = masked.get("action_data");
		Map<String, Object> actionData = (maskedData != null && maskedData.isObject())
				? json.convertValue(maskedData, Map.class) : null;
		String country = (e.country() == null || e.country().isBlank()) ? null : e.country();
		String actorUserId = userId(e.actorUserId());
		String actor = (e.actorEmail() != null) ? e.actorEmail() : (actorUserId != null) ? actorUserId : e.actorKeyId();
		boolean byProduct = productKey != null && productKey.equals(e.actorKeyId());
		return new EventDocument(e.eventId(), e.type(), e.timestamp(), e.principalId(), e.principalType(),
				e.actorType(), actorUserId, e.actorEmail(), e.actorKeyId(), actor, action, e.actionResult(),
				e.actionPrivilege(), e.clientIp(), country, e.city(), e.userAgent(), userId(text(data, "user_id")),
				text(data, "user_email"), lower(text(data, "old_role")), lower(text(data, "new_role")), setting,
				enabled, actionData, masked.toString(), now, text(node, "event_type"), text(node, "detail_type"),
				scan.redactedText(), Redaction.detectors(scan.matches()), byProduct ? Boolean.TRUE : null);
	}

	/** A user id without the {@code __<workspace>} suffix the logs sometimes add. */
	static String userId(String id) {
		if (id == null) {
			return null;
		}
		int cut = id.indexOf("__");
		return (cut > 0) ? id.substring(0, cut) : id;
	}

	private static void collectText(JsonNode node, List<String> texts) {
		if (node == null || !node.isObject()) {
			return;
		}
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			JsonNode value = field.getValue();
			if (USER_TEXT.contains(field.getKey()) && value.isString() && !value.asString().isBlank()) {
				texts.add(value.asString());
			}
			else if (value.isObject()) {
				collectText(value, texts);
			}
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = (node == null) ? null : node.get(field);
		return (value == null || !value.isValueNode() || value.isNull()) ? null : value.asString();
	}

	private static Boolean bool(JsonNode node, String field) {
		JsonNode value = (node == null) ? null : node.get(field);
		return (value != null && value.isBoolean()) ? value.booleanValue() : null;
	}

	private static String first(String a, String b) {
		return (a != null) ? a : b;
	}

	private static String lower(String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

	private static List<String> distinct(Stream<String> values) {
		return values.filter(Objects::nonNull).distinct().sorted().toList();
	}

	/** A stateful conversation's documents. */
	record Conversation(ConversationDocument conversation, List<MessageDocument> messages) {
	}

}
