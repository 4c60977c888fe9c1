package io.chatwarden.sync;

/** Where a resource's sync is. */
public enum SyncState {

	IDLE, RUNNING, DONE, FAILED, SKIPPED,

	/**
	 * Running, but waiting for OpenSearch to take writes again: its checkpoint is held,
	 * nothing is lost.
	 */
	HELD,

	/** The source answered 410: it is gone for good, and that is not an error. */
	RETIRED

}
