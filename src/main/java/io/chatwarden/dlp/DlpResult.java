package io.chatwarden.dlp;

import java.util.List;

import io.chatwarden.conversation.DlpMatch;

/**
 * What a scan found: the text with every match replaced by its masked preview, and the
 * matches (never the raw values).
 */
public record DlpResult(String redactedText, List<DlpMatch> matches) {

	public boolean found() {
		return !this.matches.isEmpty();
	}

}
