package io.chatwarden.dlp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DLP salt never shows in logs, and a generated one is readable by its owner only.
 */
class DlpSaltTests {

	@Test
	void shouldMaskTheSaltWhenPrinted(@TempDir Path dir) {
		DlpProperties properties = new DlpProperties(true, null, "Planted-Salt-Value-42", null);
		assertThat(DlpSalt.of(properties).toString()).doesNotContain("Planted-Salt-Value-42");
		assertThat(properties.toString()).doesNotContain("Planted-Salt-Value-42").contains("salt=***");
	}

	@Test
	void shouldKeepAGeneratedSaltInAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("nested/dlp-salt");
		byte[] salt = DlpSalt.resolve(new DlpProperties(true, null, null, file));
		assertThat(DlpSalt.resolve(new DlpProperties(true, null, null, file))).isEqualTo(salt);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
			.isEqualTo("rwx------");
	}

}
