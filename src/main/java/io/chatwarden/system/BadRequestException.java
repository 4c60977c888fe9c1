package io.chatwarden.system;

/**
 * A request argument the API cannot serve; reaches clients as a BAD_REQUEST error with
 * this message.
 */
public class BadRequestException extends RuntimeException {

	public BadRequestException(String message) {
		super(message);
	}

}
