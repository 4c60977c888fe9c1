package io.chatwarden.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import io.chatwarden.system.SecretFile;

/**
 * The Basic credential of an OpenSearch cluster: configured for an external one
 * ({@code opensearch.username}/{@code password}), generated for the embedded node. Its
 * {@code toString} masks the password.
 *
 * @param username the user
 * @param password the password (secret: never logged)
 */
public record NodeCredentials(String username, String password) {

	/** The embedded node's only user. */
	static final String EMBEDDED_USER = "chatwarden";

	/** The password generated for the embedded node's data folder, kept there 0600. */
	static final String PASSWORD_FILE = "node-password";

	/**
	 * The embedded node's credential: generated once per data folder, then read back at
	 * every start.
	 */
	static NodeCredentials ofDataFolder(Path data) {
		return new NodeCredentials(EMBEDDED_USER, SecretFile.readOrCreate(data.resolve(PASSWORD_FILE), 32));
	}

	/** A fresh random credential, e.g. shared by the nodes of a multi-node cluster. */
	public static NodeCredentials random() {
		return new NodeCredentials(EMBEDDED_USER, SecretFile.random(32));
	}

	/** The {@code Authorization} header value. */
	public String authorization() {
		String pair = this.username + ":" + (this.password == null ? "" : this.password);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What the node's plugin is given: the user and a SHA-256 of the password, so the
	 * node never holds the password itself (it is random and long, so the hash cannot be
	 * reversed).
	 */
	String hashedForNode() {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(this.password.getBytes(StandardCharsets.UTF_8));
			return this.username + ":" + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "NodeCredentials[username=" + this.username + ", password=***]";
	}

}
