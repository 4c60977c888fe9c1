package io.chatwarden.nodeauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one user allowed on the node. Its file holds {@code user:<sha256 of the password,
 * hex>}, so neither the file nor this node's memory holds the password itself; the
 * password is random and long, so a plain SHA-256 cannot be reversed. Comparisons take the
 * same time whatever the input.
 */
final class NodeCredential {

	private final byte[] user;

	private final byte[] passwordHash;

	private NodeCredential(byte[] user, byte[] passwordHash) {
		this.user = user;
		this.passwordHash = passwordHash;
	}

	static NodeCredential read(Path file) {
		String line;
		try {
			line = Files.readString(file, StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("chatwarden-node-auth: cannot read the node credential " + file, ex);
		}
		int colon = line.indexOf(':');
		if (colon <= 0) {
			throw new IllegalStateException("chatwarden-node-auth: " + file + " is not user:sha256");
		}
		byte[] hash = HexFormat.of().parseHex(line.substring(colon + 1));
		if (hash.length != 32) {
			throw new IllegalStateException("chatwarden-node-auth: " + file + " is not user:sha256");
		}
		return new NodeCredential(line.substring(0, colon).getBytes(StandardCharsets.UTF_8), hash);
	}

	/** Whether an {@code Authorization} header value carries this credential. */
	boolean accepts(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		int colon = indexOf(decoded, (byte) ':');
		if (colon < 0) {
			return false;
		}
		byte[] user = Arrays.copyOfRange(decoded, 0, colon);
		byte[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
		// Both compared in full, so the time says nothing about which part was wrong.
		boolean userMatches = MessageDigest.isEqual(user, this.user);
		boolean passwordMatches = MessageDigest.isEqual(sha256(password), this.passwordHash);
		return userMatches & passwordMatches;
	}

	private static int indexOf(byte[] bytes, byte wanted) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
