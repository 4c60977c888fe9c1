package io.chatwarden.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.chatwarden.ChatwardenApplication;
import io.chatwarden.store.NodeCredentials;

/**
 * The application as a separate process (same class path), for tests of several instances
 * and of crashes: {@link #kill()} is a {@code kill -9}.
 */
public final class AppProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private AppProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/** Starts the app with these {@code --name=value} arguments and a small heap. */
	public static AppProcess start(String name, List<String> arguments) {
		return start(name, arguments, null);
	}

	/**
	 * Starts the app on a cluster that needs this credential, passed in the process's
	 * environment (which, unlike its command line, other local users cannot read).
	 */
	public static AppProcess start(String name, List<String> arguments, NodeCredentials store) {
		try {
			Path log = Files.createTempFile("chatwarden-" + name + "-", ".log");
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
							"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
							ChatwardenApplication.class.getName(), "--server.port=0"));
			command.addAll(arguments);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.directory(new File(System.getProperty("user.dir")));
			if (store != null) {
				builder.environment().put("OPENSEARCH_USERNAME", store.username());
				builder.environment().put("OPENSEARCH_PASSWORD", store.password());
			}
			Process process = builder.start();
			return new AppProcess(process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** What the app logged so far. */
	public String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** SIGKILL: no shutdown hook, no lease release. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The app process did not die");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int exitCode() {
		return this.process.exitValue();
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					kill();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				kill();
			}
		}
	}

}
