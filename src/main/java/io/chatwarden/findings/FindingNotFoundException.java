package io.chatwarden.findings;

/**
 * A finding or finding type the request names does not exist; reaches clients as
 * NOT_FOUND.
 */
class FindingNotFoundException extends RuntimeException {

	FindingNotFoundException(String message) {
		super(message);
	}

}
