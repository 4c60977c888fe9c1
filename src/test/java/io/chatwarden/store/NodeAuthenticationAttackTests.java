package io.chatwarden.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;

import io.chatwarden.ChatwardenApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review, as another local user, forged an ADMIN API token by writing one document
 * into the embedded node and deleted audit entries with {@code _delete_by_query}: the
 * node's HTTP port on loopback answered anyone. This test starts the app as an operator
 * does (embedded node, own data folder) and attacks that node the same way.
 */
@ExtendWith(OutputCaptureExtension.class)
class NodeAuthenticationAttackTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theEmbeddedNodeAnswersOnlyTheAppsGeneratedCredential(CapturedOutput output) throws Exception {
		boolean root = "root".equals(System.getProperty("user.name"));
		// As root the node runs as nobody, who must reach the folder (as
		// SharedOpenSearch).
		Path parent = Files
			.createDirectories(root ? Path.of("/var/tmp/chatwarden") : Path.of(System.getProperty("java.io.tmpdir")));
		Path data = Files.createTempDirectory(parent, "test-nodeauth-");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ChatwardenApplication.class).run(
				"--server.port=0", "--opensearch.embedded.data-dir=" + data, "--opensearch.embedded.heap=256m",
				"--chatwarden.demo.enabled=false", "--chatwarden.sync.enabled=false",
				"--chatwarden.findings.enabled=false")) {
			// The app itself got in: it installed its indices through its own client.
			EmbeddedOpenSearch node = app.getBean(OpenSearchConfiguration.EmbeddedOpenSearchNode.class).start();
			NodeCredentials credentials = node.credentials();
			String base = node.uri().toString();

			HttpResponse<String> root401 = send(base, "GET", "/", null, null);
			assertThat(root401.statusCode()).as("GET / without a credential").isEqualTo(401);
			assertThat(root401.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"chatwarden-node\"");
			assertThat(root401.body()).as("nothing about the node").isEmpty();
			assertThat(send(base, "GET", "/_cluster/health", null, null).statusCode()).isEqualTo(401);
			assertThat(send(base, "GET", "/chatwarden-*/_search", null, null).statusCode()).as("reading conversations")
				.isEqualTo(401);
			assertThat(send(base, "POST", "/chatwarden-audit/_delete_by_query?refresh=true",
					"{\"query\":{\"match_all\":{}}}", null)
				.statusCode()).as("erasing the audit trail").isEqualTo(401);
			assertThat(send(base, "PUT", "/chatwarden-api-tokens/_doc/forged?refresh=true",
					"{\"name\":\"forged\",\"role\":\"ADMIN\"}", null)
				.statusCode()).as("forging an ADMIN token").isEqualTo(401);

			String wrongPassword = basic(credentials.username(), credentials.password() + "x");
			String wrongUser = basic("admin", credentials.password());
			assertThat(send(base, "GET", "/", null, wrongPassword).statusCode()).isEqualTo(401);
			assertThat(send(base, "GET", "/", null, wrongUser).statusCode()).isEqualTo(401);
			assertThat(send(base, "GET", "/", null, "Basic not-base64!").statusCode()).isEqualTo(401);
			assertThat(send(base, "GET", "/", null, "Bearer " + credentials.password()).statusCode()).isEqualTo(401);

			String valid = credentials.authorization();
			assertThat(send(base, "GET", "/_cluster/health", null, valid).statusCode()).isEqualTo(200);
			assertThat(send(base, "GET", "/chatwarden-api-tokens/_doc/forged", null, valid).body())
				.as("the forged token was never written")
				.contains("\"found\":false");

			Path nodeCopy = data.resolve("config/chatwarden-node-auth/credential");
			for (Path secret : new Path[] { nodeCopy, data.resolve(NodeCredentials.PASSWORD_FILE) }) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString())
					.isEqualTo("rw-------");
			}
			assertThat(Files.getOwner(nodeCopy).getName()).as("owned by the node's user")
				.isEqualTo(root ? "nobody" : System.getProperty("user.name"));
			assertThat(Files.readString(nodeCopy)).as("the node holds only a hash")
				.doesNotContain(credentials.password());

			String header = valid.substring("Basic ".length());
			assertThat(output.getAll()).doesNotContain(credentials.password()).doesNotContain(header);
			try (Stream<Path> logs = Files.walk(data.resolve("logs"))) {
				for (Path log : logs.filter(Files::isRegularFile).toList()) {
					assertThat(Files.readString(log)).as(log.toString())
						.doesNotContain(credentials.password())
						.doesNotContain(header);
				}
			}
		}
		finally {
			FileTrees.delete(data);
		}
	}

	private HttpResponse<String> send(String base, String method, String path, String body, String authorization)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
