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
 * owns. Every REST request to the node needs its Basic credential (see {@link NodeAuth}),
 * generated once per data folder.
 */
public final class EmbeddedOpenSearch implements AutoCloseable {

	private static final Log log = LogFactory.getLog(EmbeddedOpenSearch.class);

	private static final String UNPRIVILEGED_USER = "nobody";

	private static final Path ROOT_RUNTIME = Path.of("/var/tmp/chatwarden");

	private static final String PID_FILE = "node.pid";

	private final Process process;

	private final URI uri;

	private final Path dataDir;

	private final DataDirLock lock;

	private final NodeCredentials credentials;

	private EmbeddedOpenSearch(Process process, URI uri, Path dataDir, DataDirLock lock, NodeCredentials credentials) {
		this.process = process;
		this.uri = uri;
		this.dataDir = dataDir;
		this.lock = lock;
		this.credentials = credentials;
	}

	/**
	 * Fetches (once), starts and waits for a single-node cluster.
	 * @param settings the embedded settings
	 * @param dataDir the node's data folder (created when missing); null for the
	 * installation's default, see {@link #defaultDataDir}
	 * @throws IllegalStateException when another running instance owns the data folder
	 */
	public static EmbeddedOpenSearch start(OpenSearchProperties.Embedded settings, Path dataDir) {
		Path data = dataDir != null ? dataDir : defaultDataDir(settings, isRoot());
		EmbeddedOpenSearch node = launch(settings, data, data.resolve("snapshots"),
				List.of("-Ediscovery.type=single-node", "-Ecluster.name=chatwarden-embedded"), 0, null);
		try {
			node.awaitHealthy(settings.startupTimeout());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded OpenSearch", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the embedded OpenSearch", ex);
		}
		return node;
	}

	/**
	 * Starts one node of a multi-node cluster on loopback without waiting for it (the
	 * cluster forms once enough nodes run); call {@link #awaitHealthy} after starting
	 * them all.
	 * @param snapshotDir the shared {@code path.repo} of the cluster
	 * @param transportPort this node's transport port
	 * @param clusterSettings the {@code -E} settings that make the cluster (name, seed
	 * hosts, initial cluster managers)
	 * @param credentials the credential of the whole cluster: its clients send one
	 * credential to any node
	 */
	public static EmbeddedOpenSearch startClusterNode(OpenSearchProperties.Embedded settings, Path dataDir,
			Path snapshotDir, int transportPort, List<String> clusterSettings, NodeCredentials credentials) {
		return launch(settings, dataDir, snapshotDir, clusterSettings, transportPort, credentials);
	}

	/**
	 * The data folder of an installation that configured none: under its home
	 * ({@code ~/.chatwarden/data}). As root the node runs as an unprivileged user who
	 * cannot enter root's home (mode 700), so root's installations keep their data under
	 * {@code /var/tmp/chatwarden}, one folder per home: {@code data} for the default
	 * {@code /root/.chatwarden} (where earlier versions kept it), otherwise
	 * {@code data-<hash of the home>}.
	 */
	public static Path defaultDataDir(OpenSearchProperties.Embedded settings, boolean root) {
		Path home = settings.homeOrDefault().toAbsolutePath().normalize();
		if (!root) {
			return home.resolve("data");
		}
		if (home.equals(Path.of("/root/.chatwarden"))) {
			return ROOT_RUNTIME.resolve("data");
		}
		return ROOT_RUNTIME.resolve("data-" + Integer.toHexString(home.toString().hashCode()));
	}

	private static EmbeddedOpenSearch launch(OpenSearchProperties.Embedded settings, Path data, Path snapshotDir,
			List<String> clusterSettings, int fixedTransportPort, NodeCredentials clusterCredentials) {
		DataDirLock lock = null;
		try {
			boolean root = isRoot();
			Path runtime = root ? ROOT_RUNTIME : settings.homeOrDefault();
			OpenSearchDistribution distribution = new OpenSearchDistribution(settings.version(),
					settings.repositoryUrl(), settings.homeOrDefault().resolve("cache"));
			Path home = distribution.unpack(runtime);
			Files.createDirectories(data.resolve("logs"));
			Files.createDirectories(snapshotDir);
			lock = DataDirLock.acquire(data);
			// The lock is ours, so whoever started a node recorded here is gone.
			stopLeftover(data);
			NodeCredentials credentials = clusterCredentials != null ? clusterCredentials
					: NodeCredentials.ofDataFolder(data);
			NodeAuth.install(home, settings.version());
			Path config = NodeAuth.configure(home, data, credentials);
			if (root) {
				FileTrees.chown(home, UNPRIVILEGED_USER);
				FileTrees.chown(data, UNPRIVILEGED_USER);
				FileTrees.chown(snapshotDir, UNPRIVILEGED_USER);
			}
			// Owned by the node's user, closed to everyone else.
			NodeFolders.restrict(home);
			NodeFolders.restrict(data);
			NodeFolders.restrict(snapshotDir);
			int httpPort = settings.httpPort() > 0 ? settings.httpPort() : freePort();
			int transportPort = fixedTransportPort > 0 ? fixedTransportPort : freePort();
			List<String> command = new ArrayList<>();
			if (root) {
				command.addAll(
						List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=nogroup", "--clear-groups", "--"));
			}
			command.add(home.resolve("bin/opensearch").toString());
			command.addAll(clusterSettings);
			command.addAll(List.of("-Enetwork.host=127.0.0.1", "-Ehttp.port=" + httpPort,
					"-Etransport.port=" + transportPort, "-Epath.data=" + data.resolve("nodes"),
					"-Epath.logs=" + data.resolve("logs"), "-Epath.repo=" + snapshotDir,
					"-Ecluster.routing.allocation.disk.threshold_enabled=false", "-Eaction.auto_create_index=false",
					// Test runs create many small indices (one set per index prefix).
					"-Ecluster.max_shards_per_node=10000"));
			ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(data.resolve("logs/console.log").toFile());
			Map<String, String> env = builder.environment();
			env.put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
			env.put("OPENSEARCH_PATH_CONF", config.toString());
			env.put("OPENSEARCH_JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap());
			env.remove("JAVA_TOOL_OPTIONS");
			env.remove("_JAVA_OPTIONS");
			log.info("Starting embedded OpenSearch " + settings.version() + " on 127.0.0.1:" + httpPort + " (data "
					+ data + ", snapshots " + snapshotDir + (root ? ", as user " + UNPRIVILEGED_USER : "") + ")");
			Process process = builder.start();
			Files.writeString(data.resolve(PID_FILE), Long.toString(process.pid()));
			EmbeddedOpenSearch node = new EmbeddedOpenSearch(process, URI.create("http://127.0.0.1:" + httpPort), data,
					lock, credentials);
			Runtime.getRuntime().addShutdownHook(new Thread(node::close, "embedded-opensearch-stop"));
			return node;
		}
		catch (IOException ex) {
			if (lock != null) {
				lock.close();
			}
			throw new UncheckedIOException("Could not start the embedded OpenSearch", ex);
		}
		catch (InterruptedException ex) {
			if (lock != null) {
				lock.close();
			}
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the embedded OpenSearch", ex);
		}
	}

	/** The node's data folder. */
	public Path dataDir() {
		return this.dataDir;
	}

	public URI uri() {
		return this.uri;
	}

	/** What a client must send to the node (secret: never logged). */
	public NodeCredentials credentials() {
		return this.credentials;
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
		try {
			stopProcess();
		}
		finally {
			this.lock.close();
		}
	}

	private void stopProcess() {
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
			Files.deleteIfExists(this.dataDir.resolve(PID_FILE));
		}
		catch (IOException ex) {
			// Best effort: a stale pid file is checked against the live process table at
			// the next start.
		}
	}

	/** Waits until the node answers with a yellow or green cluster. */
	public void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest
			.newBuilder(this.uri.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
			.header("Authorization", this.credentials.authorization())
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
	 * A node left running by an owner that was killed: its pid file is still there. It is
	 * stopped only if that process is an OpenSearch on this very data folder (pids are
	 * reused).
	 */
	private static void stopLeftover(Path data) throws IOException {
		Path pidFile = data.resolve(PID_FILE);
		if (!Files.exists(pidFile)) {
			return;
		}
		String nodes = "-Epath.data=" + data.resolve("nodes");
		ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
			.filter(handle -> handle.info().commandLine().orElse("").contains(nodes))
			.ifPresent(handle -> {
				log.warn("Stopping an embedded OpenSearch left over by an owner that is gone (pid " + handle.pid()
						+ ", data " + data + ")");
				handle.descendants().forEach(ProcessHandle::destroyForcibly);
				handle.destroyForcibly();
				handle.onExit().join();
			});
		Files.delete(pidFile);
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
