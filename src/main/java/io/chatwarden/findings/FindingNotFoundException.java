package io.chatwarden.findings;

import io.chatwarden.system.NotFoundException;

/**
 * A finding or finding type the request names does not exist; reaches clients as
 * NOT_FOUND.
 */
class FindingNotFoundException extends NotFoundException {

	FindingNotFoundException(String message) {
		super(message);
	}

}
