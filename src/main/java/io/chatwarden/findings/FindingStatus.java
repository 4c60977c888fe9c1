package io.chatwarden.findings;

/**
 * A finding's state: OPEN while its condition holds, RESOLVED when an evaluation no
 * longer sees it (OPEN again if it returns), MUTED by a person until they unmute it.
 */
public enum FindingStatus {

	OPEN, RESOLVED, MUTED

}
