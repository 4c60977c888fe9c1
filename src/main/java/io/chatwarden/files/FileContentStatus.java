package io.chatwarden.files;

/** Where a file's content stands. */
public enum FileContentStatus {

	/** Listed, not fetched yet (or a transient failure will be retried). */
	PENDING,
	/** Fetched; its text is searchable and was scanned. */
	INDEXED,
	/** OpenAI no longer keeps it (410). */
	EXPIRED,
	/** Larger than the per-file cap. */
	TOO_LARGE,
	/** A format whose text is not extracted (an image, an archive…). */
	UNSUPPORTED,
	/** Fetching or extracting failed for good (a corrupt file, a timeout…). */
	FAILED

}
