package io.chatwarden.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review read conversation text from the node's translog as another local user: the
 * node writes its files 0644 under 0755 folders. A restricted folder keeps that user out.
 */
class NodeFoldersTests {

	@TempDir
	Path parent;

	@Test
	void shouldCloseTheNodeFolderToOtherLocalUsers() throws Exception {
		Files.setPosixFilePermissions(this.parent, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path data = Files.createDirectories(this.parent.resolve("data"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Path translog = Files.writeString(data.resolve("translog-1.tlog"), "planted conversation text");
		Files.setPosixFilePermissions(translog, PosixFilePermissions.fromString("rw-r--r--"));
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			assertThat(readAsAnotherUser(translog)).as("the attack works on an open folder").isZero();
		}
		NodeFolders.restrict(data);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
		Assumptions.assumeTrue(root, "reading as another user needs root to switch users");
		assertThat(readAsAnotherUser(translog)).as("another user is kept out").isNotZero();
	}

	/** {@code cat} as an unprivileged user that owns nothing here; its exit code. */
	private static int readAsAnotherUser(Path file) throws Exception {
		Process process = new ProcessBuilder("setpriv", "--reuid=54321", "--regid=54321", "--clear-groups", "--", "cat",
				file.toString())
			.redirectErrorStream(true)
			.start();
		process.getInputStream().readAllBytes();
		return process.waitFor();
	}

}
