package io.chatwarden.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.chatwarden.store.EmbeddedOpenSearch;
import io.chatwarden.store.NodeCredentials;
import io.chatwarden.store.OpenSearchProperties;

/**
 * A node of the suite's own (never the shared test node), on a fixed port so that the app
 * finds it again after it is killed and restarted on the same data.
 */
final class StoreNode implements AutoCloseable {

	/** A shared 2-core machine under load can take minutes to start a node. */
	private static final Duration STARTUP = Duration.ofMinutes(Long.getLong("faults.node-startup-minutes", 8));

	private final Path data;

	private final int port;

	private EmbeddedOpenSearch node;

	StoreNode(int port) throws IOException {
		boolean root = "root".equals(System.getProperty("user.name"));
		Path parent = root ? Path.of("/var/tmp/chatwarden") : Path.of(System.getProperty("java.io.tmpdir"));
		Files.createDirectories(parent);
		this.data = Files.createTempDirectory(parent, "fault-suite-");
		this.port = port;
		start();
	}

	String uri() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The node's credential: generated with its data folder, the same after a restart.
	 */
	NodeCredentials credentials() {
		return this.node.credentials();
	}

	void start() {
		this.node = EmbeddedOpenSearch.start(new OpenSearchProperties.Embedded("3.6.0",
				"https://repo1.maven.org/maven2", null, this.data, this.port, "512m", STARTUP), this.data);
	}

	/** SIGKILL: the node is gone without a chance to flush. */
	void kill() {
		this.node.processTree().forEach(ProcessHandle::destroyForcibly);
		this.node.processTree().forEach(handle -> handle.onExit().join());
	}

	/** SIGSTOP: the node hangs, its connections stay open and answer nothing. */
	void pause() {
		signal("STOP");
	}

	/** SIGCONT. */
	void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		for (ProcessHandle handle : this.node.processTree()) {
			try {
				new ProcessBuilder("kill", "-" + signal, Long.toString(handle.pid())).start().waitFor();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	@Override
	public void close() {
		resume();
		this.node.close();
	}

}
