package io.chatwarden.system;

/**
 * A request that cannot run now because of work in progress elsewhere; reaches clients as
 * a CONFLICT error with this message, to be tried again later.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
