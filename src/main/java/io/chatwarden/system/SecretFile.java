package io.chatwarden.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random secret generated once and kept in a file only its owner can read (0600, in a
 * folder it creates 0700), so that it survives restarts without being configured. The
 * file is created with its permissions, never widened and narrowed afterwards.
 */
public final class SecretFile {

	private SecretFile() {
	}

	/** The secret in {@code file}, generated there first if the file does not exist. */
	public static String readOrCreate(Path file, int randomBytes) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file).trim();
			}
			Path parent = file.toAbsolutePath().getParent();
			if (!Files.exists(parent)) {
				createPrivateDirectories(parent);
			}
			String secret = random(randomBytes);
			try {
				createPrivateFile(file);
			}
			catch (FileAlreadyExistsException ex) {
				// Another instance created it first: use theirs.
				return Files.readString(file).trim();
			}
			Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the secret file " + file, ex);
		}
	}

	/** A new random secret of that many bytes, Base64. */
	public static String random(int randomBytes) {
		byte[] random = new byte[randomBytes];
		new SecureRandom().nextBytes(random);
		return Base64.getEncoder().encodeToString(random);
	}

	/**
	 * Creates an empty file with mode 0600 (owner only).
	 * @throws FileAlreadyExistsException if it exists
	 */
	public static void createPrivateFile(Path file) throws IOException {
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the folder's own permissions protect it.
			Files.createFile(file);
		}
	}

	/** Creates missing folders with mode 0700 (owner only). */
	public static void createPrivateDirectories(Path dir) throws IOException {
		try {
			Files.createDirectories(dir,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createDirectories(dir);
		}
	}

}
