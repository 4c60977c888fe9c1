package io.chatwarden.findings;

/**
 * A kind of finding, as the catalogue describes it.
 *
 * @param severity the severity in force (an override, or the default)
 * @param defaultSeverity the severity the type ships with
 * @param resourceType what its findings are about: gpt, admin-key, project-key, invite,
 * user, conversation or secret
 * @param ignored whether evaluations skip it
 */
public record FindingType(String id, String name, String category, Severity severity, Severity defaultSeverity,
		String description, String remediation, String resourceType, boolean ignored) {

	static FindingType of(String id, String name, String category, Severity severity, String resourceType,
			String description, String remediation) {
		return new FindingType(id, name, category, severity, severity, description, remediation, resourceType, false);
	}

	FindingType with(Severity override, Boolean ignore) {
		return new FindingType(this.id, this.name, this.category, override != null ? override : this.severity,
				this.defaultSeverity, this.description, this.remediation, this.resourceType,
				ignore != null ? ignore : this.ignored);
	}

}
