package io.chatwarden.faults;

import java.io.File;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatwarden.ChatwardenApplication;

/**
 * The app as its own JVM, as an operator runs it: started with command-line settings,
 * asked over GraphQL how its sync goes, and stopped with SIGTERM or SIGKILL.
 */
final class AppProcess implements AutoCloseable {

	static final String TOKEN = "fault-suite-admin-token-0123456789";

	private static final ObjectMapper json = new ObjectMapper();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<String> settings;

	private final int port;

	private final Path log;

	private Process process;

	AppProcess(int port, List<String> settings) throws IOException {
		this.port = port;
		this.settings = settings;
		this.log = Files.createTempFile("chatwarden-fault-", ".log");
		start();
	}

	void start() throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
						System.getProperty("java.class.path"), ChatwardenApplication.class.getName(),
						"--server.port=" + this.port, "--chatwarden.security.bootstrap-admin-token=" + TOKEN));
		this.settings.forEach(setting -> command.add("--" + setting));
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.directory(new File(System.getProperty("user.dir")))
			.start();
	}

	Path log() {
		return this.log;
	}

	boolean alive() {
		return this.process.isAlive();
	}

	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	void terminate() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/** The sync status, or null while the app does not answer. */
	SyncView syncStatus() {
		JsonNode data = graphql("{ syncStatus { running startedAt lastSuccessAt lastError } }");
		if (data == null || data.path("data").path("syncStatus").isMissingNode()) {
			return null;
		}
		JsonNode status = data.path("data").path("syncStatus");
		return new SyncView(status.path("running").asBoolean(), instant(status.path("startedAt")),
				instant(status.path("lastSuccessAt")),
				status.path("lastError").isNull() ? null : status.path("lastError").asText(null));
	}

	void startSync() {
		graphql("mutation { startSync { running } }");
	}

	/** A GraphQL answer, or null when the app could not be reached. */
	JsonNode graphql(String query) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/graphql"))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", query))))
				.build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 ? json.readTree(response.body()) : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static Instant instant(JsonNode node) {
		return node.isTextual() ? Instant.parse(node.asText()) : null;
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	/** What syncStatus says. */
	record SyncView(boolean running, Instant startedAt, Instant lastSuccessAt, String lastError) {

		boolean succeededSince(Instant since) {
			return !this.running && this.lastSuccessAt != null && this.lastSuccessAt.isAfter(since);
		}

	}

}
