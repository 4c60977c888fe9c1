package io.chatwarden.dlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.chatwarden.system.SecretFile;

/**
 * The salt of value hashes: configured, or generated once and kept in a file only the
 * owner can read, so that hashes stay comparable across restarts. Its {@link #toString()}
 * never shows it.
 */
final class DlpSalt {

	private final byte[] value;

	private DlpSalt(byte[] value) {
		this.value = value;
	}

	static DlpSalt of(DlpProperties properties) {
		if (properties.salt() != null && !properties.salt().isBlank()) {
			return new DlpSalt(properties.salt().getBytes(StandardCharsets.UTF_8));
		}
		return new DlpSalt(
				SecretFile.readOrCreate(properties.saltFileOrDefault(), 32).getBytes(StandardCharsets.UTF_8));
	}

	static byte[] resolve(DlpProperties properties) {
		return of(properties).bytes();
	}

	byte[] bytes() {
		return Arrays.copyOf(this.value, this.value.length);
	}

	@Override
	public String toString() {
		return "DlpSalt[***]";
	}

}
