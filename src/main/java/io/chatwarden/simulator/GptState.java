package io.chatwarden.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom GPT and its configuration history; mutable because tests change a GPT's tools
 * and visibility while a sync is running.
 */
final class GptState {

	final String id;

	final Instant createdAt;

	final String ownerId;

	final String ownerEmail;

	final String builderName;

	final boolean everyoneCanViewConfig;

	final List<Recipient> recipients;

	private String visibility;

	private final List<Config> configs = new ArrayList<>();

	GptState(String id, Instant createdAt, String ownerId, String ownerEmail, String builderName, String visibility,
			boolean everyoneCanViewConfig, List<Recipient> recipients) {
		this.id = id;
		this.createdAt = createdAt;
		this.ownerId = ownerId;
		this.ownerEmail = ownerEmail;
		this.builderName = builderName;
		this.visibility = visibility;
		this.everyoneCanViewConfig = everyoneCanViewConfig;
		this.recipients = List.copyOf(recipients);
	}

	synchronized String visibility() {
		return this.visibility;
	}

	synchronized void visibility(String visibility) {
		this.visibility = visibility;
	}

	synchronized void addConfig(Config config) {
		this.configs.add(config);
	}

	/** Newest first, as {@code /configs} serves them. */
	synchronized List<Config> configsNewestFirst() {
		List<Config> copy = new ArrayList<>(this.configs);
		java.util.Collections.reverse(copy);
		return copy;
	}

	synchronized Config latest() {
		return this.configs.get(this.configs.size() - 1);
	}

	synchronized int versions() {
		return this.configs.size();
	}

	/** A person the GPT is shared with, possibly outside the workspace. */
	record Recipient(String id, String email, boolean canViewConfig, boolean canWrite) {
	}

	/** A knowledge file of a GPT configuration. */
	record KnowledgeFile(String id, String name, Instant createdAt) {
	}

	/** A tool; the action fields are null unless it is a custom action. */
	record Tool(String type, Instant createdAt, String actionDomain, String actionOpenapiRaw,
			String actionPrivacyPolicyUrl, String authType) {

		static Tool plain(String type, Instant createdAt) {
			return new Tool(type, createdAt, null, null, null, null);
		}

		static Tool action(Instant createdAt, String domain, String authType) {
			String openapi = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + domain
					+ "\",\"version\":\"1.0\"},\"servers\":[{\"url\":\"https://" + domain
					+ "\"}],\"paths\":{\"/lookup\":{\"get\":{\"operationId\":\"lookup\"}}}}";
			return new Tool("custom_action", createdAt, domain, openapi, "https://" + domain + "/privacy", authType);
		}

	}

	/** One configuration version. */
	record Config(String id, String name, String description, List<String> categories,
			List<String> conversationStarters, Instant createdAt, String instructions, String authorId,
			String authorEmail, List<KnowledgeFile> files, List<Tool> tools) {

		Config withTools(String newId, Instant now, List<Tool> newTools) {
			return new Config(newId, this.name, this.description, this.categories, this.conversationStarters, now,
					this.instructions, this.authorId, this.authorEmail, this.files, newTools);
		}

	}

}
