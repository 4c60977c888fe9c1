package io.chatwarden.dlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The salt of value hashes: configured, or generated once and kept in a file only the
 * owner can read, so that hashes stay comparable across restarts.
 */
final class DlpSalt {

	private DlpSalt() {
	}

	static byte[] resolve(DlpProperties properties) {
		if (properties.salt() != null && !properties.salt().isBlank()) {
			return properties.salt().getBytes(StandardCharsets.UTF_8);
		}
		Path file = properties.saltFileOrDefault();
		try {
			if (Files.exists(file)) {
				return Files.readString(file).trim().getBytes(StandardCharsets.UTF_8);
			}
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String salt = Base64.getEncoder().encodeToString(random);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, salt);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system: the folder's own permissions protect it.
			}
			return salt.getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the DLP salt file " + file, ex);
		}
	}

}
