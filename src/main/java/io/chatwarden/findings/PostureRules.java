package io.chatwarden.findings;

import java.util.List;

import io.chatwarden.store.Indices;

import static io.chatwarden.findings.PostureTypes.ADMIN_KEY_NOT_ROTATED;
import static io.chatwarden.findings.PostureTypes.ADMIN_KEY_UNUSED;
import static io.chatwarden.findings.PostureTypes.GPT_ACTION_NO_AUTH;
import static io.chatwarden.findings.PostureTypes.GPT_CODE_INTERPRETER;
import static io.chatwarden.findings.PostureTypes.GPT_CUSTOM_ACTIONS;
import static io.chatwarden.findings.PostureTypes.GPT_PUBLIC_LINK;
import static io.chatwarden.findings.PostureTypes.GPT_PUBLIC_STORE;
import static io.chatwarden.findings.PostureTypes.GPT_WEB_BROWSING;
import static io.chatwarden.findings.PostureTypes.INVITE_HIGH_PRIVILEGE;
import static io.chatwarden.findings.PostureTypes.INVITE_STALE;
import static io.chatwarden.findings.PostureTypes.PROJECT_KEY_NOT_ROTATED;
import static io.chatwarden.findings.PostureTypes.PROJECT_KEY_UNUSED;
import static io.chatwarden.findings.Queries.all;
import static io.chatwarden.findings.Queries.any;
import static io.chatwarden.findings.Queries.missing;
import static io.chatwarden.findings.Queries.term;

/** The posture types that are a filter on one index (the design's conditions). */
final class PostureRules {

	private PostureRules() {
	}

	static List<Rule> filters() {
		return List
			.of(gpt(GPT_CUSTOM_ACTIONS, "tools", "custom_action"),
					gpt(GPT_CODE_INTERPRETER, "tools", "code_interpreter"), gpt(GPT_WEB_BROWSING, "tools", "browser"),
					gpt(GPT_PUBLIC_STORE, "visibility", "gpt-store"),
					gpt(GPT_PUBLIC_LINK, "visibility", "anyone-with-link"),
					gpt(GPT_ACTION_NO_AUTH, "customActions.authType", "none"),
					new FilterRule(ADMIN_KEY_NOT_ROTATED, Indices.ADMIN_KEYS, "admin-key", "name",
							c -> c.olderThan("createdAt", c.properties().keyRotationDays())),
					new FilterRule(PROJECT_KEY_NOT_ROTATED, Indices.PROJECT_KEYS, "project-key", "name", c -> c
						.olderThan("createdAt", c.properties().keyRotationDays())),
					new FilterRule(
							ADMIN_KEY_UNUSED, Indices.ADMIN_KEYS, "admin-key", "name",
							c -> any(missing("lastUsedAt"), c.olderThan("lastUsedAt", c.properties().keyUnusedDays()))),
					new FilterRule(PROJECT_KEY_UNUSED, Indices.PROJECT_KEYS, "project-key", "name",
							c -> any(missing("lastUsedAt"), c.olderThan("lastUsedAt", c.properties().keyUnusedDays()))),
					new FilterRule(INVITE_HIGH_PRIVILEGE, Indices.INVITES, "invite", "email",
							c -> all(term("status", "pending"), term("role", "owner"))),
					new FilterRule(INVITE_STALE, Indices.INVITES, "invite", "email",
							c -> all(term("status", "pending"),
									any(c.olderThan("createdAt", c.properties().inviteStaleDays()),
											c.beforeNow("expiresAt")))));
	}

	private static Rule gpt(String typeId, String field, String value) {
		return new FilterRule(typeId, Indices.GPTS, "gpt", "name.raw", c -> term(field, value));
	}

}
