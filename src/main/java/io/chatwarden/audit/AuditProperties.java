package io.chatwarden.audit;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit trail ({@code chatwarden.audit.*}).
 *
 * @param key the secret key of the entries' hash chain; when absent one is generated once
 * and kept in {@code keyFile}. Every instance writing the same indices needs the same
 * key. Never logged.
 * @param keyFile where a generated key is kept, readable by its owner only (defaults to
 * {@code ~/.chatwarden/audit-key})
 */
@ConfigurationProperties("chatwarden.audit")
public record AuditProperties(String key, Path keyFile) {

	Path keyFileOrDefault() {
		return this.keyFile != null ? this.keyFile
				: Path.of(System.getProperty("user.home"), ".chatwarden", "audit-key");
	}

	@Override
	public String toString() {
		return "AuditProperties[key=" + (this.key == null ? "unset" : "***") + ", keyFile=" + this.keyFile + "]";
	}

}
