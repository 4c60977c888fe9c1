package io.chatwarden.system;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** Docker is absent here, so the compose file is kept right by reading it. */
class DockerComposeTests {

	@Test
	@SuppressWarnings("unchecked")
	void shouldRunOpenSearch360AndTheAppAgainstIt() throws Exception {
		Map<String, Object> compose;
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			compose = new Yaml().load(reader);
		}
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> opensearch = (Map<String, Object>) services.get("opensearch");
		Map<String, Object> app = (Map<String, Object>) services.get("chatwarden");
		assertThat(opensearch.get("image")).isEqualTo("opensearchproject/opensearch:3.6.0");
		assertThat((Map<String, Object>) opensearch.get("environment")).containsEntry("discovery.type", "single-node");
		Map<String, Object> environment = (Map<String, Object>) app.get("environment");
		assertThat(environment).containsEntry("OPENSEARCH_URIS", "http://opensearch:9200");
		assertThat(environment).containsKeys("CHATWARDEN_OPENAI_COMPLIANCE_API_KEY",
				"CHATWARDEN_OPENAI_COMPLIANCE_WORKSPACE_ID", "CHATWARDEN_OPENAI_ADMIN_API_KEY",
				"CHATWARDEN_SECURITY_BOOTSTRAP_ADMIN_TOKEN");
		assertThat((Map<String, Object>) app.get("depends_on")).containsKey("opensearch");
		assertThat((List<String>) app.get("ports")).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
		assertThat(Files.exists(Path.of(String.valueOf(app.get("build")), "Dockerfile"))).isTrue();
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldKeepTheUnauthenticatedClusterOnAnInternalNetwork() throws Exception {
		Map<String, Object> compose;
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			compose = new Yaml().load(reader);
		}
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> opensearch = (Map<String, Object>) services.get("opensearch");
		assertThat(opensearch).doesNotContainKey("ports");
		List<String> networks = (List<String>) opensearch.get("networks");
		assertThat(networks).isNotEmpty();
		Map<String, Object> declared = (Map<String, Object>) compose.get("networks");
		for (String network : networks) {
			assertThat((Map<String, Object>) declared.get(network)).containsEntry("internal", true);
		}
		services.forEach((name, service) -> {
			if (!name.equals("opensearch") && !name.equals("chatwarden")) {
				assertThat((List<String>) ((Map<String, Object>) service).get("networks"))
					.doesNotContainAnyElementsOf(networks);
			}
		});
	}

}
