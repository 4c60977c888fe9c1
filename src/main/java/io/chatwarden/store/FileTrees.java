package io.chatwarden.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small file-tree helpers for the embedded node's folders. */
final class FileTrees {

	private FileTrees() {
	}

	static void delete(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/**
	 * Gives a whole tree to another user, so that an unprivileged node can write there.
	 */
	static void chown(Path root, String user) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("chown", "-R", user, root.toString()).inheritIO().start();
		if (process.waitFor() != 0) {
			throw new IOException("chown -R " + user + " " + root + " failed");
		}
	}

}
