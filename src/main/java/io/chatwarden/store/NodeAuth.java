package io.chatwarden.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;

import io.chatwarden.system.SecretFile;

/**
 * Authentication on the embedded node. The distribution has no security plugin (and the
 * official one is not published for every version), so the app carries its own: a node
 * plugin built from {@code src/node-plugin} that refuses every REST request without the
 * node's Basic credential. Each node gets its own config folder (under its data folder)
 * holding the distribution's settings and a hash of that credential, 0600.
 */
final class NodeAuth {

	static final String PLUGIN = "chatwarden-node-auth";

	private static final String JAR = PLUGIN + ".jar";

	private static final String DESCRIPTOR = "plugin-descriptor.properties";

	/** The node's copy: {@code user:sha256 of the password}, read by the plugin. */
	static final String CREDENTIAL_FILE = PLUGIN + "/credential";

	private NodeAuth() {
	}

	/**
	 * Puts the plugin into the distribution's {@code plugins} folder (again only when it
	 * changed: other nodes may be running from the same distribution).
	 * @throws IllegalStateException when the plugin was built for another OpenSearch
	 * version: OpenSearch loads a plugin only on the exact version it was built for
	 */
	static void install(Path home, String version) throws IOException {
		byte[] descriptor = resource(DESCRIPTOR);
		Properties properties = new Properties();
		properties.load(new StringReader(new String(descriptor, StandardCharsets.UTF_8)));
		String builtFor = properties.getProperty("opensearch.version");
		if (!version.equals(builtFor)) {
			throw new IllegalStateException("The embedded node's authentication plugin is built for OpenSearch "
					+ builtFor + ", so opensearch.embedded.version=" + version + " cannot be secured: use " + builtFor
					+ ", or an external cluster (opensearch.uris).");
		}
		Path dir = Files.createDirectories(home.resolve("plugins").resolve(PLUGIN));
		replaceIfChanged(home, dir.resolve(DESCRIPTOR), descriptor);
		replaceIfChanged(home, dir.resolve(JAR), resource(JAR));
	}

	/**
	 * Makes the node's own config folder under its data folder: the distribution's
	 * settings, and the credential the plugin checks. Returns the folder, for
	 * {@code OPENSEARCH_PATH_CONF}.
	 */
	static Path configure(Path home, Path data, NodeCredentials credentials) throws IOException {
		Path source = home.resolve("config");
		Path config = data.resolve("config");
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path target = config.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else if (!file.getFileName().toString().equals("opensearch.keystore")) {
					// The keystore is the node's own: it creates one in its folder.
					Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		Path credential = config.resolve(CREDENTIAL_FILE);
		Files.createDirectories(credential.getParent());
		Files.deleteIfExists(credential);
		SecretFile.createPrivateFile(credential);
		Files.writeString(credential, credentials.hashedForNode());
		return config;
	}

	private static byte[] resource(String name) throws IOException {
		try (InputStream in = NodeAuth.class.getClassLoader().getResourceAsStream("node-plugin/" + name)) {
			if (in == null) {
				throw new IllegalStateException("The embedded node's authentication plugin (node-plugin/" + name
						+ ") is missing from the class path: build the app with ./mvnw");
			}
			return in.readAllBytes();
		}
	}

	/**
	 * Written beside and moved into place, so a node that has the old file open keeps
	 * reading it whole.
	 */
	private static void replaceIfChanged(Path home, Path target, byte[] content) throws IOException {
		if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), content)) {
			return;
		}
		// Outside the plugins folder: OpenSearch would take a file there for a plugin.
		Path staged = Files.createTempFile(home, ".node-plugin-", ".tmp");
		Files.write(staged, content);
		Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
