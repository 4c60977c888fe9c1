package io.chatwarden.gpt;

import java.time.Instant;
import java.util.List;

/**
 * A custom GPT as stored in the gpts index: its current configuration flattened for
 * filters and findings.
 */
public record GptDocument(String id, String name, String description, String instructions, String ownerId,
		String ownerEmail, String builderName, Instant createdAt, String visibility, Permissions permissions,
		List<Recipient> recipients, List<String> tools, List<CustomAction> customActions,
		List<KnowledgeFile> knowledgeFiles, String configId, Instant configCreatedAt, String versionAuthorEmail,
		List<String> categories, List<String> conversationStarters, Instant syncedAt) {

	/** What everyone the GPT is shared with may do. */
	public record Permissions(Boolean canRead, Boolean canViewConfig, Boolean canWrite) {
	}

	/** A person the GPT is shared with, flattened with their permissions. */
	public record Recipient(String id, String email, Boolean canRead, Boolean canViewConfig, Boolean canWrite) {
	}

	/** A custom action (an external API the GPT may call). */
	public record CustomAction(String domain, String authType, String privacyPolicyUrl) {
	}

	/** A knowledge file of the current configuration (metadata only). */
	public record KnowledgeFile(String id, String name, Instant createdAt) {
	}

}
