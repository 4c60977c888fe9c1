package io.chatwarden.openai;

/**
 * A call to an OpenAI API failed for good (after retries, or on a status that retrying
 * cannot fix). The message says what to check; it never contains the API key.
 */
public class OpenAiApiException extends RuntimeException {

	private final int status;

	public OpenAiApiException(int status, String message) {
		super(message);
		this.status = status;
	}

	public OpenAiApiException(int status, String message, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/** The HTTP status, or 0 when no response came (timeout, connection refused). */
	public int status() {
		return this.status;
	}

}
