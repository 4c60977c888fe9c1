package io.chatwarden.openai;

/** What a share recipient (or everyone the GPT is shared with) may do. */
public record GptPermissions(boolean canRead, boolean canViewConfig, boolean canWrite) {
}
