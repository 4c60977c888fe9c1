package io.chatwarden.openai;

/**
 * The signed URL a file download was redirected to refused it (typically 403: the
 * signature expired while the file waited or was retried). The file endpoint hands out a
 * fresh URL on the next request, so this is worth another download.
 */
public class SignedUrlRefusedException extends OpenAiApiException {

	public SignedUrlRefusedException(int status, String message) {
		super(status, message);
	}

}
