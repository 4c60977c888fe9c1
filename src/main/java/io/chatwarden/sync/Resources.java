package io.chatwarden.sync;

/** Names of the synced resources, as shown in progress and used as checkpoint ids. */
final class Resources {

	static final String USERS = "users";

	static final String GPTS = "gpts";

	static final String CONVERSATIONS = "conversations";

	static final String ADMIN_KEYS = "admin-keys";

	static final String PROJECTS = "projects";

	static final String PROJECT_KEYS = "project-keys";

	static final String ORG_USERS = "org-users";

	static final String INVITES = "invites";

	/**
	 * The Compliance Logs Platform, every event type (checkpoints {@code logs/<TYPE>}).
	 */
	static final String LOGS = "logs";

	/** The checkpoint of the whole run (its last success). */
	static final String RUN = "_run";

	private Resources() {
	}

}
