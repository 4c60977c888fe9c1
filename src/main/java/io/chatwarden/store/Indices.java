package io.chatwarden.store;

import org.springframework.stereotype.Component;

/**
 * The alias of each logical index; readers and writers use aliases, never the versioned
 * names behind them.
 */
@Component
public class Indices {

	public static final String CONVERSATIONS = "conversations";

	public static final String MESSAGES = "messages";

	public static final String GPTS = "gpts";

	public static final String USERS = "users";

	public static final String ADMIN_KEYS = "admin-keys";

	public static final String PROJECTS = "projects";

	public static final String PROJECT_KEYS = "project-keys";

	public static final String ORG_USERS = "org-users";

	public static final String INVITES = "invites";

	public static final String SYNC_STATE = "sync-state";

	public static final String EVENTS = "events";

	public static final String DEAD_LETTERS = "dead-letters";

	private final String prefix;

	public Indices(StoreProperties properties) {
		this.prefix = properties.indexPrefix();
	}

	/** The prefix of every alias and index of this installation. */
	public String prefix() {
		return this.prefix;
	}

	/** The alias of a logical index, e.g. {@code chatwarden-messages}. */
	public String alias(String logicalName) {
		return this.prefix + "-" + logicalName;
	}

	public String conversations() {
		return alias(CONVERSATIONS);
	}

	public String messages() {
		return alias(MESSAGES);
	}

	public String gpts() {
		return alias(GPTS);
	}

	public String users() {
		return alias(USERS);
	}

}
