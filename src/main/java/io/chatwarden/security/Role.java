package io.chatwarden.security;

import java.util.Locale;

/**
 * What a caller may do. Each role includes the ones below it: VIEWER sees findings,
 * inventory and metadata (message text with DLP matches masked); INVESTIGATOR reads full
 * text and exports; ADMIN controls the sync, tokens and settings and reads the audit log.
 */
public enum Role {

	VIEWER, INVESTIGATOR, ADMIN;

	/** The Spring Security authority of this role. */
	public String authority() {
		return "ROLE_" + name();
	}

	public boolean includes(Role other) {
		return ordinal() >= other.ordinal();
	}

	/** Parses a role name, case-insensitively; null when it names no role. */
	public static Role parse(String name) {
		if (name == null) {
			return null;
		}
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
