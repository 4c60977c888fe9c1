package io.chatwarden.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.chatwarden.support.AppProcess;
import io.chatwarden.support.SharedOpenSearch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one machine never touch each other's embedded node: the owner holds a
 * lock on its data folder, a second instance on the same folder refuses to start with a
 * message naming the setting, and installations with different homes get different
 * folders (also as root, whose node runs as an unprivileged user).
 */
class DataDirOwnershipTests {

	static final OpenSearchProperties.Embedded DEFAULTS = new OpenSearchProperties.Embedded("3.6.0",
			"https://repo1.maven.org/maven2", null, null, 0, "256m", Duration.ofMinutes(3));

	@Test
	void aSecondAppOnTheSameFolderStopsWithAClearMessageAndLeavesTheNodeAlone() throws Exception {
		Path data = SharedOpenSearch.dataDir();
		assumeThat(data).as("an embedded node started by this JVM").isNotNull();
		String pidBefore = Files.readString(data.resolve("node.pid"));
		try (AppProcess second = AppProcess.start("second-owner",
				List.of("--opensearch.embedded.data-dir=" + data, "--chatwarden.demo.enabled=false",
						"--chatwarden.sync.enabled=false", "--chatwarden.findings.enabled=false"))) {
			await().atMost(Duration.ofMinutes(2)).until(() -> !second.isAlive());
			assertThat(second.exitCode()).isNotZero();
			assertThat(second.output()).contains("belongs to another running Chatwarden instance")
				.contains("opensearch.embedded.data-dir");
		}
		assertThat(Files.readString(data.resolve("node.pid"))).isEqualTo(pidBefore);
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(SharedOpenSearch
				.authorize(HttpRequest.newBuilder(URI.create(SharedOpenSearch.uri() + "/_cluster/health")))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).as("the first instance's node still answers").isEqualTo(200);
	}

	@Test
	void theSameJvmCannotTakeAFolderItAlreadyOwns() {
		Path data = SharedOpenSearch.dataDir();
		assumeThat(data).isNotNull();
		assertThatThrownBy(() -> EmbeddedOpenSearch.start(DEFAULTS, data)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("opensearch.embedded.data-dir");
	}

	@Test
	void eachInstallationHomeHasItsOwnDefaultFolder() {
		OpenSearchProperties.Embedded alice = withHome(Path.of("/home/alice/.chatwarden"));
		OpenSearchProperties.Embedded bob = withHome(Path.of("/srv/bob/.chatwarden"));
		assertThat(EmbeddedOpenSearch.defaultDataDir(alice, false)).isEqualTo(Path.of("/home/alice/.chatwarden/data"));
		assertThat(EmbeddedOpenSearch.defaultDataDir(alice, true))
			.isNotEqualTo(EmbeddedOpenSearch.defaultDataDir(bob, true))
			.as("reachable by the unprivileged node user")
			.startsWithRaw(Path.of("/var/tmp/chatwarden"));
		assertThat(EmbeddedOpenSearch.defaultDataDir(withHome(Path.of("/root/.chatwarden")), true))
			.as("where earlier versions kept root's data")
			.isEqualTo(Path.of("/var/tmp/chatwarden/data"));
	}

	private static OpenSearchProperties.Embedded withHome(Path home) {
		return new OpenSearchProperties.Embedded("3.6.0", "https://repo1.maven.org/maven2", home, null, 0, "256m",
				Duration.ofMinutes(3));
	}

}
