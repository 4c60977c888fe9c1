package io.chatwarden.gpt;

import java.time.Instant;
import java.util.List;

import io.chatwarden.openai.ComplianceGpt;
import io.chatwarden.openai.GptConfig;
import io.chatwarden.openai.GptPermissions;
import io.chatwarden.openai.GptSharing;
import io.chatwarden.openai.GptTool;

/**
 * A custom GPT as stored in the gpts index: its current configuration flattened for
 * filters and findings.
 */
public record GptDocument(String id, String name, String description, String instructions, String ownerId,
		String ownerEmail, String builderName, Instant createdAt, String visibility, Permissions permissions,
		List<Recipient> recipients, List<String> tools, List<CustomAction> customActions,
		List<KnowledgeFile> knowledgeFiles, String configId, Instant configCreatedAt, String versionAuthorEmail,
		List<String> categories, List<String> conversationStarters, Instant syncedAt) {

	public static GptDocument from(ComplianceGpt gpt, Instant syncedAt) {
		GptConfig config = gpt.latestConfig();
		GptSharing sharing = gpt.sharing();
		List<GptTool> tools = config == null ? List.of() : config.tools();
		return new GptDocument(gpt.id(), config == null ? null : config.name(),
				config == null ? null : config.description(), config == null ? null : config.instructions(),
				gpt.ownerId(), gpt.ownerEmail(), gpt.builderName(), gpt.createdAt(),
				sharing == null ? null : sharing.visibility(),
				sharing == null ? null : Permissions.from(sharing.permissions()),
				sharing == null ? List.of()
						: sharing.recipients()
							.stream()
							.map(r -> new Recipient(r.id(), r.email(), Permissions.from(r.permissions())))
							.toList(),
				tools.stream().map(GptTool::type).distinct().toList(),
				tools.stream()
					.filter(tool -> "custom_action".equals(tool.type()))
					.map(tool -> new CustomAction(tool.actionDomain(), tool.authType(), tool.actionPrivacyPolicyUrl()))
					.toList(),
				config == null ? List.of()
						: config.files().stream().map(f -> new KnowledgeFile(f.id(), f.name(), f.createdAt())).toList(),
				config == null ? null : config.id(), config == null ? null : config.createdAt(),
				config == null ? null : config.versionAuthorEmail(), config == null ? List.of() : config.categories(),
				config == null ? List.of() : config.conversationStarters(), syncedAt);
	}

	/** What everyone the GPT is shared with may do. */
	public record Permissions(Boolean canRead, Boolean canViewConfig, Boolean canWrite) {

		static Permissions from(GptPermissions permissions) {
			return permissions == null ? null
					: new Permissions(permissions.canRead(), permissions.canViewConfig(), permissions.canWrite());
		}

	}

	/** A person the GPT is shared with, flattened with their permissions. */
	public record Recipient(String id, String email, Boolean canRead, Boolean canViewConfig, Boolean canWrite) {

		Recipient(String id, String email, Permissions permissions) {
			this(id, email, permissions == null ? null : permissions.canRead(),
					permissions == null ? null : permissions.canViewConfig(),
					permissions == null ? null : permissions.canWrite());
		}

	}

	/** A custom action (an external API the GPT may call). */
	public record CustomAction(String domain, String authType, String privacyPolicyUrl) {
	}

	/** A knowledge file of the current configuration (metadata only). */
	public record KnowledgeFile(String id, String name, Instant createdAt) {
	}

}
