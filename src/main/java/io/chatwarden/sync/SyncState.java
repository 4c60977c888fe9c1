package io.chatwarden.sync;

/** Where a resource's sync is. */
public enum SyncState {

	IDLE, RUNNING, DONE, FAILED, SKIPPED

}
