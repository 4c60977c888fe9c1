package io.chatwarden.system;

/**
 * A thing the request names that does not exist, where the field cannot answer null;
 * reaches clients as a NOT_FOUND error with this message.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
