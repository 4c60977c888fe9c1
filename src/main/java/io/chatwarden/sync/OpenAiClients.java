package io.chatwarden.sync;

import io.chatwarden.openai.AdminClient;
import io.chatwarden.openai.AdminProperties;
import io.chatwarden.openai.ComplianceClient;
import io.chatwarden.openai.ComplianceProperties;

import org.springframework.stereotype.Component;

/** The two API clients as the sync sees them, with whether each has credentials. */
@Component
class OpenAiClients {

	private final ComplianceClient compliance;

	private final AdminClient admin;

	private final ComplianceProperties complianceProperties;

	private final AdminProperties adminProperties;

	OpenAiClients(ComplianceClient compliance, AdminClient admin, ComplianceProperties complianceProperties,
			AdminProperties adminProperties) {
		this.compliance = compliance;
		this.admin = admin;
		this.complianceProperties = complianceProperties;
		this.adminProperties = adminProperties;
	}

	ComplianceClient compliance() {
		return this.compliance;
	}

	AdminClient admin() {
		return this.admin;
	}

	boolean complianceConfigured() {
		return this.complianceProperties.configured() && this.complianceProperties.workspaceId() != null;
	}

	boolean adminConfigured() {
		return this.adminProperties.configured();
	}

}
