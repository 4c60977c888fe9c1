package io.chatwarden.sync;

/**
 * OpenSearch could not take a write at all (connection refused, cluster blocked, pushed
 * back with 429/503 past the retries): nothing about the documents is wrong, so they are
 * not dead-lettered; the checkpoint stays where it was and the next run writes them
 * again.
 */
class StoreUnavailableException extends RuntimeException {

	StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
