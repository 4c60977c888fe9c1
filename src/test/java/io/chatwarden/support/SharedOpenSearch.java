package io.chatwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.EmbeddedOpenSearch;
import io.chatwarden.store.NodeCredentials;
import io.chatwarden.store.OpenSearchProperties;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real OpenSearch for the whole test run: the embedded distribution, started on first
 * use and stopped when the JVM exits. Set {@code CHATWARDEN_TEST_OPENSEARCH_URI} to use a
 * node that is already running (with {@code CHATWARDEN_TEST_OPENSEARCH_USERNAME} and
 * {@code _PASSWORD} if it needs a credential). The embedded node needs its generated
 * credential on every request: see {@link #credentials()} and {@link #authorize}.
 */
public final class SharedOpenSearch {

	private static String uri;

	private static Path dataDir;

	private static NodeCredentials credentials;

	private SharedOpenSearch() {
	}

	public static synchronized String uri() {
		if (uri == null) {
			String external = System.getenv("CHATWARDEN_TEST_OPENSEARCH_URI");
			if (external != null && !external.isBlank()) {
				uri = external;
				String username = System.getenv("CHATWARDEN_TEST_OPENSEARCH_USERNAME");
				credentials = (username == null) ? null
						: new NodeCredentials(username, System.getenv("CHATWARDEN_TEST_OPENSEARCH_PASSWORD"));
			}
			else if (!"embedded".equals(System.getenv("CHATWARDEN_TEST_OPENSEARCH")) && dockerAvailable()) {
				uri = startContainer();
			}
			else {
				uri = startEmbedded();
			}
		}
		return uri;
	}

	/**
	 * The data folder of the embedded node this JVM started, or null when the node is
	 * external or a container.
	 */
	public static synchronized Path dataDir() {
		uri();
		return dataDir;
	}

	/**
	 * What a client must send to the shared node, or null when it needs nothing (a
	 * container runs without security).
	 */
	public static synchronized NodeCredentials credentials() {
		uri();
		return credentials;
	}

	/** Adds the shared node's credential, if it needs one, to a raw request. */
	public static HttpRequest.Builder authorize(HttpRequest.Builder request) {
		NodeCredentials needed = credentials();
		return (needed != null) ? request.header("Authorization", needed.authorization()) : request;
	}

	/** Registers the shared node's credential, if it needs one, as the app's settings. */
	public static void registerCredentials(DynamicPropertyRegistry registry) {
		// Read when the app binds its settings, like the URI: the node starts then.
		registry.add("opensearch.username", () -> (credentials() != null) ? credentials().username() : null);
		registry.add("opensearch.password", () -> (credentials() != null) ? credentials().password() : null);
	}

	/**
	 * The shared node's credential, if it needs one, as {@code --name=value} arguments of
	 * an app started in this JVM.
	 */
	public static List<String> credentialArguments() {
		NodeCredentials needed = credentials();
		return (needed == null) ? List.of()
				: List.of("--opensearch.username=" + needed.username(), "--opensearch.password=" + needed.password());
	}

	/**
	 * Puts the shared node's credential, if it needs one, into the environment of an app
	 * started as a child process (its command line is visible to other local users, its
	 * environment is not).
	 */
	public static void passCredentials(Map<String, String> environment) {
		NodeCredentials needed = credentials();
		if (needed != null) {
			environment.put("OPENSEARCH_USERNAME", needed.username());
			environment.put("OPENSEARCH_PASSWORD", needed.password());
		}
	}

	private static boolean dockerAvailable() {
		try {
			return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static String startContainer() {
		org.opensearch.testcontainers.OpenSearchContainer<?> container = new org.opensearch.testcontainers.OpenSearchContainer<>(
				org.testcontainers.utility.DockerImageName.parse("opensearchproject/opensearch:3.6.0"))
			.withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
			.withEnv("action.auto_create_index", "false")
			.withEnv("cluster.max_shards_per_node", "10000")
			.withStartupAttempts(3);
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return container.getHttpHostAddress();
	}

	private static String startEmbedded() {
		try {
			boolean root = "root".equals(System.getProperty("user.name"));
			Path parent = root ? Path.of("/var/tmp/chatwarden") : Path.of(System.getProperty("java.io.tmpdir"));
			Files.createDirectories(parent);
			Path data = Files.createTempDirectory(parent, "test-data-");
			OpenSearchProperties.Embedded settings = new OpenSearchProperties.Embedded("3.6.0",
					"https://repo1.maven.org/maven2", null, data, 0, "768m",
					// A loaded machine can need longer: -Dopensearch.startup-seconds=600.
					java.time.Duration.ofSeconds(Long.getLong("opensearch.startup-seconds", 180)));
			EmbeddedOpenSearch node = EmbeddedOpenSearch.start(settings, data);
			dataDir = data;
			credentials = node.credentials();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				node.close();
				deleteQuietly(data);
			}));
			return node.uri().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteQuietly(Path data) {
		try (var paths = Files.walk(data)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temp folder left behind is harmless.
		}
	}

}
