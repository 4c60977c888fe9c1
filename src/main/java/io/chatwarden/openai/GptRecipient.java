package io.chatwarden.openai;

/** A person a GPT is shared with. */
public record GptRecipient(String id, String email, GptPermissions permissions) {
}
