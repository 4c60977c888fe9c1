package io.chatwarden.files;

import java.util.List;

import io.chatwarden.conversation.DlpMatch;

/**
 * What fetching one file came to: a status and its reason, and for an indexed file its
 * redacted text and DLP matches.
 */
record FetchOutcome(FileContentStatus status, String reason, Long sizeBytes, String contentType, String text,
		List<DlpMatch> matches, int attempts) {

	static FetchOutcome of(FileContentStatus status, String reason, Long sizeBytes, int attempts) {
		return new FetchOutcome(status, reason, sizeBytes, null, null, null, attempts);
	}

	List<String> detectors() {
		if (this.matches == null || this.matches.isEmpty()) {
			return null;
		}
		return this.matches.stream().map(DlpMatch::detector).distinct().sorted().toList();
	}

}
