package io.chatwarden.openai;

import java.time.Instant;

/**
 * A tool of a GPT configuration. The type is kept as served (code_interpreter, browser,
 * dall-e, memory, custom_action, or a newer one); the action fields are set only for
 * custom actions.
 */
public record GptTool(String type, Instant createdAt, String actionDomain, String actionPrivacyPolicyUrl,
		String authType) {
}
