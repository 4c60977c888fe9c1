package io.chatwarden.sync;

/**
 * A resource that cannot run here, for a reason that is not a failure (an endpoint not
 * enabled for this workspace, or retired): shown as SKIPPED or RETIRED with the reason as
 * a note.
 */
class ResourceSkipped extends RuntimeException {

	private final boolean retired;

	ResourceSkipped(String reason) {
		this(reason, false);
	}

	ResourceSkipped(String reason, boolean retired) {
		super(reason, null, false, false);
		this.retired = retired;
	}

	boolean retired() {
		return this.retired;
	}

}
