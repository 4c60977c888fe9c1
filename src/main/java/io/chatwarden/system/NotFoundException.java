package io.chatwarden.system;

/**
 * A lookup the request requires found nothing; reaches clients as a NOT_FOUND error with
 * this message.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
