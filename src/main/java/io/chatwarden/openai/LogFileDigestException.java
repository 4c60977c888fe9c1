package io.chatwarden.openai;

/**
 * A downloaded log file whose bytes do not match the {@code file_sha256} its listing
 * gave: truncated, altered or mixed up on the way. Worth one more download.
 */
public class LogFileDigestException extends OpenAiApiException {

	public LogFileDigestException(String fileId, String expected, String actual) {
		super(0, "Log file " + fileId + " failed its sha256 check (listed " + expected + ", downloaded " + actual
				+ ")");
	}

}
