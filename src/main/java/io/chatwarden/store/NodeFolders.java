package io.chatwarden.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The embedded node's folders are its owner's only (0700): the data folder holds
 * conversation text (indices and translog), the API token index and the node's own
 * configuration and credential, and the distribution folder holds its programs and
 * plugins. The node writes files 0644 inside them; a closed folder keeps other local
 * users out of all of it.
 */
final class NodeFolders {

	private NodeFolders() {
	}

	/** Creates the folder if missing and closes it to everyone but its owner. */
	static Path restrict(Path dir) throws IOException {
		Files.createDirectories(dir);
		try {
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): its ACLs already default to the owner.
		}
		return dir;
	}

}
