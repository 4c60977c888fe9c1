package io.chatwarden.findings;

import io.chatwarden.system.ConflictException;

/**
 * An evaluation was asked for while another instance kept evaluating for longer than
 * {@code chatwarden.findings.asked-wait}.
 */
class EvaluationBusyException extends ConflictException {

	EvaluationBusyException(String holder) {
		super("Findings are being evaluated by " + holder + " (the findings lease); its results appear when it ends."
				+ " Try again then.");
	}

}
