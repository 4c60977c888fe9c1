package io.chatwarden.files;

/** A {@link FileSource} could not serve a file, for a reason that decides what to do. */
public class FileUnavailable extends RuntimeException {

	private final Reason reason;

	public FileUnavailable(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why a file could not be served. */
	public enum Reason {

		/** The source no longer keeps it (HTTP 410): final. */
		GONE,
		/** The source does not know it (HTTP 404): final. */
		NOT_FOUND,
		/** A signed download link went stale before it was read: asking again helps. */
		STALE_LINK

	}

}
