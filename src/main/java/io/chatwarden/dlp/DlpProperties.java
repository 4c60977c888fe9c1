package io.chatwarden.dlp;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Data loss prevention on message text ({@code chatwarden.dlp.*}).
 *
 * @param enabled scan messages as they are indexed
 * @param detectorsFile an extra detectors file (JSON, same shape as the built-in
 * {@code dlp/detectors.json}); a detector with a built-in id replaces it
 * @param salt the secret salt of value hashes; when absent one is generated once and kept
 * in {@code saltFile}. Never logged.
 * @param saltFile where a generated salt is kept (defaults to
 * {@code ~/.chatwarden/dlp-salt})
 */
@ConfigurationProperties("chatwarden.dlp")
public record DlpProperties(@DefaultValue("true") boolean enabled, Path detectorsFile, String salt, Path saltFile) {

	@Override
	public String toString() {
		return "DlpProperties[enabled=" + this.enabled + ", detectorsFile=" + this.detectorsFile + ", salt="
				+ (this.salt == null ? "unset" : "***") + ", saltFile=" + this.saltFile + "]";
	}

	Path saltFileOrDefault() {
		return this.saltFile != null ? this.saltFile
				: Path.of(System.getProperty("user.home"), ".chatwarden", "dlp-salt");
	}

}
