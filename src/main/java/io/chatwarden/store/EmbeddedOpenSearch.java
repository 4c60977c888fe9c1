package io.chatwarden.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A single-node OpenSearch run as a child process on loopback. OpenSearch refuses to run
 * as root, so when this JVM is root the node runs as {@code nobody} on folders that user
 * owns.
 */
public final class EmbeddedOpenSearch implements AutoCloseable {

	private static final Log log = LogFactory.getLog(EmbeddedOpenSearch.class);

	private static final String UNPRIVILEGED_USER = "nobody";

	private final Process process;

	private final URI uri;

	private final Path dataDir;

	private EmbeddedOpenSearch(Process process, URI uri, Path dataDir) {
		this.process = process;
		this.uri = uri;
		this.dataDir = dataDir;
	}

	/**
	 * Fetches (once), starts and waits for a node.
	 * @param settings the embedded settings
	 * @param dataDir the node's data folder (created when missing)
	 */
	public static EmbeddedOpenSearch start(OpenSearchProperties.Embedded settings, Path dataDir) {
		try {
			boolean root = "root".equals(System.getProperty("user.name"));
			Path runtime = runtimeDir(settings, root);
			OpenSearchDistribution distribution = new OpenSearchDistribution(settings.version(),
					settings.repositoryUrl(), settings.homeOrDefault().resolve("cache"));
			Path home = distribution.unpack(runtime);
			Path data = dataDir != null ? dataDir : runtime.resolve("data");
			Files.createDirectories(data.resolve("logs"));
			if (root) {
				FileTrees.chown(home, UNPRIVILEGED_USER);
				FileTrees.chown(data, UNPRIVILEGED_USER);
			}
			killLeftover(data);
			int httpPort = settings.httpPort() > 0 ? settings.httpPort() : freePort();
			int transportPort = freePort();
			List<String> command = new ArrayList<>();
			if (root) {
				command.addAll(
						List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=nogroup", "--clear-groups", "--"));
			}
			command.add(home.resolve("bin/opensearch").toString());
			command
				.addAll(List.of("-Ediscovery.type=single-node", "-Enetwork.host=127.0.0.1", "-Ehttp.port=" + httpPort,
						"-Etransport.port=" + transportPort, "-Epath.data=" + data.resolve("nodes"),
						"-Epath.logs=" + data.resolve("logs"), "-Ecluster.name=chatwarden-embedded",
						"-Ecluster.routing.allocation.disk.threshold_enabled=false", "-Eaction.auto_create_index=false",
						// Test runs create many small indices (one set per index prefix).
						"-Ecluster.max_shards_per_node=10000"));
			ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(data.resolve("logs/console.log").toFile());
			Map<String, String> env = builder.environment();
			env.put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
			env.put("OPENSEARCH_JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap());
			env.remove("JAVA_TOOL_OPTIONS");
			env.remove("_JAVA_OPTIONS");
			log.info("Starting embedded OpenSearch " + settings.version() + " on 127.0.0.1:" + httpPort + " (data "
					+ data + (root ? ", as user " + UNPRIVILEGED_USER : "") + ")");
			Process process = builder.start();
			Files.writeString(data.resolve("node.pid"), Long.toString(process.pid()));
			EmbeddedOpenSearch node = new EmbeddedOpenSearch(process, URI.create("http://127.0.0.1:" + httpPort), data);
			Runtime.getRuntime().addShutdownHook(new Thread(node::close, "embedded-opensearch-stop"));
			node.awaitHealthy(settings.startupTimeout());
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded OpenSearch", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the embedded OpenSearch", ex);
		}
	}

	public URI uri() {
		return this.uri;
	}

	public boolean isRunning() {
		return this.process.isAlive();
	}

	/** The node's process and its children, for fault tests that kill or pause it. */
	public List<ProcessHandle> processTree() {
		List<ProcessHandle> tree = new ArrayList<>(this.process.descendants().toList());
		tree.add(this.process.toHandle());
		return tree;
	}

	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		List<ProcessHandle> tree = new ArrayList<>(this.process.descendants().toList());
		tree.add(this.process.toHandle());
		tree.forEach(ProcessHandle::destroy);
		for (ProcessHandle handle : tree) {
			try {
				handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				handle.destroyForcibly();
			}
		}
		try {
			Files.deleteIfExists(this.dataDir.resolve("node.pid"));
		}
		catch (IOException ex) {
			// Best effort: a stale pid file is checked against the live process table at
			// the next start.
		}
	}

	private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest
			.newBuilder(this.uri.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IOException("Embedded OpenSearch exited with " + this.process.exitValue() + "; see "
						+ this.dataDir.resolve("logs/console.log") + ":\n" + consoleTail());
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					log.info("Embedded OpenSearch is up at " + this.uri);
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(500);
		}
		close();
		throw new IOException("Embedded OpenSearch was not healthy within " + timeout + ":\n" + consoleTail());
	}

	private String consoleTail() {
		try {
			List<String> lines = Files.readAllLines(this.dataDir.resolve("logs/console.log"));
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no console log)";
		}
	}

	/**
	 * A node left running by a JVM that was killed holds the data folder's lock: stop it
	 * first.
	 */
	private static void killLeftover(Path data) throws IOException {
		Path pidFile = data.resolve("node.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
			.filter(handle -> handle.info().commandLine().orElse("").contains("opensearch"))
			.ifPresent(handle -> {
				log.warn("Stopping an embedded OpenSearch left over from an earlier run (pid " + handle.pid() + ")");
				handle.descendants().forEach(ProcessHandle::destroyForcibly);
				handle.destroyForcibly();
				handle.onExit().join();
			});
		Files.delete(pidFile);
	}

	private static Path runtimeDir(OpenSearchProperties.Embedded settings, boolean root) {
		// An unprivileged node cannot reach into root's home folder (mode 700), so as
		// root it lives in /var/tmp.
		return root ? Path.of("/var/tmp/chatwarden") : settings.homeOrDefault();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
