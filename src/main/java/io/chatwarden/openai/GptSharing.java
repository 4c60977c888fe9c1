package io.chatwarden.openai;

import java.util.List;

/**
 * Who can use a GPT: visibility is one of invite-only, workspace-with-link, workspace,
 * anyone-with-link, gpt-store, or a newer value kept as served.
 */
public record GptSharing(String visibility, GptPermissions permissions, List<GptRecipient> recipients) {

	public GptSharing {
		recipients = recipients == null ? List.of() : List.copyOf(recipients);
	}

}
