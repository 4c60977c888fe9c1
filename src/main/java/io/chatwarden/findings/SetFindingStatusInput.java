package io.chatwarden.findings;

import io.chatwarden.system.BadRequestException;

/** The {@code SetFindingStatusInput} input. */
record SetFindingStatusInput(String id, FindingStatus status, String reason, String by) {

	void validate() {
		if (this.status == FindingStatus.RESOLVED) {
			throw new BadRequestException(
					"RESOLVED is set by evaluations when a condition stops holding; mute the finding instead");
		}
		if (this.status == FindingStatus.MUTED && (blank(this.reason) || blank(this.by))) {
			throw new BadRequestException("Muting a finding needs a reason and who mutes it (by)");
		}
		if (!blank(this.reason) && this.reason.length() > 2000) {
			throw new BadRequestException("reason is longer than 2000 characters");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
