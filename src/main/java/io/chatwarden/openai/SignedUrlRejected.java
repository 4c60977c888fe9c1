package io.chatwarden.openai;

/**
 * The storage host refused a signed download URL (typically 403 once its signature has
 * expired): asking the API again gives a fresh one.
 */
public class SignedUrlRejected extends OpenAiApiException {

	public SignedUrlRejected(int status, String message) {
		super(status, message);
	}

}
