package io.chatwarden.openai;

import java.time.Instant;

/**
 * A live custom GPT from {@code GET /gpts}, with its current configuration
 * ({@code latest_config.data[0]}).
 *
 * @param latestConfig null when the API served no configuration
 */
public record ComplianceGpt(String id, Instant createdAt, String ownerId, String ownerEmail, String builderName,
		GptSharing sharing, GptConfig latestConfig) {
}
