package io.chatwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.chatwarden.store.EmbeddedOpenSearch;
import io.chatwarden.store.OpenSearchProperties;

/**
 * One real OpenSearch for the whole test run: the embedded distribution, started on first
 * use and stopped when the JVM exits. Set {@code CHATWARDEN_TEST_OPENSEARCH_URI} to use a
 * node that is already running.
 */
public final class SharedOpenSearch {

	private static String uri;

	private SharedOpenSearch() {
	}

	public static synchronized String uri() {
		if (uri == null) {
			String external = System.getenv("CHATWARDEN_TEST_OPENSEARCH_URI");
			if (external != null && !external.isBlank()) {
				uri = external;
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
