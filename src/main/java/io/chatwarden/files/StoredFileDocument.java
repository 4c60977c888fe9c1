package io.chatwarden.files;

import java.time.Instant;
import java.util.List;

import io.chatwarden.conversation.DlpMatch;

/**
 * A file as stored in the files index: where it was found (a GPT's knowledge, or a
 * message's attachment) and what became of its content. The text is stored redacted: DLP
 * matches are replaced by their masked previews.
 *
 * @param kind {@code knowledge} or {@code attachment}
 * @param userEmail the uploader of an attachment, the owner of a GPT for knowledge
 * @param attempts transient download failures so far
 */
public record StoredFileDocument(String id, String name, String kind, String gptId, String conversationId,
		String messageId, String userId, String userEmail, FileContentStatus contentStatus, String contentReason,
		Long sizeBytes, String contentType, String text, List<String> dlpDetectors, List<DlpMatch> dlp,
		Integer attempts, Instant listedAt, Instant fetchedAt) {

	public static final String KNOWLEDGE = "knowledge";

	public static final String ATTACHMENT = "attachment";

	/** What a listing knows of a file: everything but its content. */
	static StoredFileDocument listed(String id, String name, String kind, String gptId, String conversationId,
			String messageId, String userId, String userEmail, Instant now) {
		return new StoredFileDocument(id, name, kind, gptId, conversationId, messageId, userId, userEmail,
				FileContentStatus.PENDING, null, null, null, null, null, null, 0, now, null);
	}

	/** This file with the outcome of a fetch. */
	StoredFileDocument with(FetchOutcome outcome, Instant now) {
		return new StoredFileDocument(this.id, this.name, this.kind, this.gptId, this.conversationId, this.messageId,
				this.userId, this.userEmail, outcome.status(), outcome.reason(), outcome.sizeBytes(),
				outcome.contentType(), outcome.text(), outcome.detectors(), outcome.matches(), outcome.attempts(),
				this.listedAt, now);
	}

	int attemptsSoFar() {
		return (this.attempts == null) ? 0 : this.attempts;
	}

}
