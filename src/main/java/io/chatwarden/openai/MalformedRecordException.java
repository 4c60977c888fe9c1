package io.chatwarden.openai;

/**
 * A record served by an OpenAI API that cannot be mapped; the sync dead-letters it with
 * this reason.
 */
public class MalformedRecordException extends RuntimeException {

	public MalformedRecordException(String reason) {
		super(reason);
	}

}
