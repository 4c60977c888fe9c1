package io.chatwarden.findings;

import java.util.List;

/**
 * The finding types computed from Compliance Logs Platform events (audit and login logs):
 * ids, severities and advice (ids are a contract).
 */
final class EventTypes {

	static final String CATEGORY = "events";

	static final String USER_ROLE_RAISED = "user-role-raised";

	static final String SECURITY_SETTING_OFF = "workspace-security-setting-off";

	static final String LOGIN_NEW_COUNTRY = "login-new-country";

	static final String LOGS_NEW_LISTER = "compliance-logs-new-lister";

	static final List<FindingType> ALL = List.of(FindingType.of(USER_ROLE_RAISED, "User raised to admin or owner",
			CATEGORY, Severity.HIGH, "user",
			"The user's latest successful role change made them a workspace admin or owner.",
			"Confirm with the person who made the change that it is intended; demote the user if not, and review what they did since."),
			FindingType.of(SECURITY_SETTING_OFF, "Workspace security setting turned off", CATEGORY, Severity.HIGH,
					"workspace-setting",
					"A workspace security setting (SSO, SCIM, IP allow-list, MFA…) was last switched off, and not back on.",
					"Turn the setting back on unless its removal was approved; ask the admin who switched it off why."),
			FindingType.of(LOGIN_NEW_COUNTRY, "Login from a new country", CATEGORY, Severity.MEDIUM, "user",
					"The user logged in successfully from a country not seen for them before, within the recent window.",
					"Confirm with the user that they were travelling; if not, end their sessions, reset their credentials and review their recent activity."),
			FindingType.of(LOGS_NEW_LISTER, "Compliance logs listed by a new key or user", CATEGORY, Severity.HIGH,
					"key",
					"A key or user listed the compliance logs for the first time within the recent window, where others listed them before.",
					"Confirm the key or user belongs to an approved integration; revoke the key or the user's compliance access if not."));

	private EventTypes() {
	}

}
