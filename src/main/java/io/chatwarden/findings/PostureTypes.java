package io.chatwarden.findings;

import java.util.List;

/** The posture finding types: ids, severities and advice (ids are a contract). */
final class PostureTypes {

	static final String GPT_CUSTOM_ACTIONS = "gpt-custom-actions";

	static final String GPT_CODE_INTERPRETER = "gpt-code-interpreter";

	static final String GPT_WEB_BROWSING = "gpt-web-browsing";

	static final String GPT_PUBLIC_STORE = "gpt-public-store";

	static final String GPT_PUBLIC_LINK = "gpt-public-link";

	static final String ADMIN_KEY_NOT_ROTATED = "admin-key-not-rotated";

	static final String PROJECT_KEY_NOT_ROTATED = "project-key-not-rotated";

	static final String ADMIN_KEY_UNUSED = "admin-key-unused";

	static final String PROJECT_KEY_UNUSED = "project-key-unused";

	static final String INVITE_HIGH_PRIVILEGE = "invite-high-privilege";

	static final String USER_INACTIVE = "user-inactive";

	static final String INVITE_STALE = "invite-stale";

	static final String GPT_ACTION_NO_AUTH = "gpt-action-no-auth";

	static final String GPT_OWNER_INACTIVE = "gpt-owner-inactive";

	static final String GPT_SHARED_EXTERNALLY = "gpt-shared-externally";

	static final String SECRET_REUSED = "secret-reused";

	static final List<FindingType> ALL = List.of(FindingType.of(GPT_CUSTOM_ACTIONS, "GPT calls external APIs", "gpt",
			Severity.HIGH, "gpt",
			"The GPT's latest configuration has a custom action: conversation content can be sent to an external API.",
			"Review the action's domain, privacy policy and authentication; remove it if the GPT does not need it."),
			FindingType.of(GPT_CODE_INTERPRETER, "GPT runs code", "gpt", Severity.MEDIUM, "gpt",
					"The GPT's latest configuration enables code interpreter, which can process uploaded files.",
					"Disable code interpreter unless the GPT's purpose needs it."),
			FindingType.of(GPT_WEB_BROWSING, "GPT browses the web", "gpt", Severity.MEDIUM, "gpt",
					"The GPT's latest configuration enables web browsing, which can fetch attacker-controlled content.",
					"Disable browsing unless the GPT's purpose needs it."),
			FindingType.of(GPT_PUBLIC_STORE, "GPT published to the GPT Store", "gpt", Severity.HIGH, "gpt",
					"The GPT is listed in the public GPT Store: anyone can use it and may extract its instructions and files.",
					"Restrict its visibility to the workspace; check its knowledge files for internal data."),
			FindingType.of(GPT_PUBLIC_LINK, "GPT shared with anyone who has the link", "gpt", Severity.HIGH, "gpt",
					"The GPT is usable by anyone with its link, inside or outside the workspace.",
					"Restrict its visibility to the workspace or to named people."),
			FindingType.of(ADMIN_KEY_NOT_ROTATED, "Admin key not rotated", "keys", Severity.HIGH, "admin-key",
					"An organization admin key is older than the rotation period.",
					"Create a new admin key, move its users to it, and delete the old one."),
			FindingType.of(PROJECT_KEY_NOT_ROTATED, "Project key not rotated", "keys", Severity.HIGH, "project-key",
					"A project API key is older than the rotation period.",
					"Create a new key, deploy it, and delete the old one."),
			FindingType.of(ADMIN_KEY_UNUSED, "Admin key unused", "keys", Severity.MEDIUM, "admin-key",
					"An organization admin key was never used, or not within the unused period.",
					"Delete keys nobody uses: they are risk without benefit."),
			FindingType.of(PROJECT_KEY_UNUSED, "Project key unused", "keys", Severity.MEDIUM, "project-key",
					"A project API key was never used, or not within the unused period.",
					"Delete keys nobody uses: they are risk without benefit."),
			FindingType.of(INVITE_HIGH_PRIVILEGE, "Pending owner invite", "identity", Severity.HIGH, "invite",
					"A pending organization invite would grant the owner role.",
					"Confirm the invitee should be an owner; otherwise revoke the invite and send one with a lower role."),
			FindingType.of(USER_INACTIVE, "Inactive user", "identity", Severity.MEDIUM, "user",
					"An active workspace user has had no conversation activity for the inactivity period.",
					"Confirm the person still needs access; deactivate the account if not (it also frees a seat)."),
			FindingType.of(INVITE_STALE, "Stale invite", "identity", Severity.LOW, "invite",
					"An invite is still pending long after it was sent, or past its expiry.",
					"Revoke the invite, and send a fresh one if the person still needs access."),
			FindingType.of(GPT_ACTION_NO_AUTH, "GPT action without authentication", "gpt", Severity.HIGH, "gpt",
					"A custom action of the GPT calls its API without authentication.",
					"Require authentication on the action's API, or remove the action."),
			FindingType.of(GPT_OWNER_INACTIVE, "GPT owned by an inactive or departed user", "gpt", Severity.MEDIUM,
					"gpt", "The GPT's owner is inactive or no longer a workspace user, so nobody maintains it.",
					"Transfer ownership to an active user, or archive the GPT."),
			FindingType.of(GPT_SHARED_EXTERNALLY, "GPT shared outside the workspace", "gpt", Severity.HIGH, "gpt",
					"The GPT is shared with people whose email is outside the workspace's domains.",
					"Remove external recipients unless the sharing is intended and approved."),
			FindingType.of(SECRET_REUSED, "Same secret in several conversations", "dlp", Severity.HIGH, "secret",
					"The same credential (matched by salted hash) appears in more than one conversation.",
					"Revoke and rotate the credential; ask the users involved how it spread."));

	private PostureTypes() {
	}

}
