package io.chatwarden.findings;

/** How bad a finding is; the rank orders findings, most severe first. */
public enum Severity {

	LOW, MEDIUM, HIGH, CRITICAL;

	int rank() {
		return ordinal() + 1;
	}

	boolean alerts() {
		return this == HIGH || this == CRITICAL;
	}

}
