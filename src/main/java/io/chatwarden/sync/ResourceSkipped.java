package io.chatwarden.sync;

/**
 * A resource that cannot run here, for a reason that is not a failure (an endpoint not
 * enabled for this workspace): shown as SKIPPED with the reason.
 */
class ResourceSkipped extends RuntimeException {

	ResourceSkipped(String reason) {
		super(reason, null, false, false);
	}

}
