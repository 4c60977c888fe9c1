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
		Map<String, Object> declared = (Map<String, Object>) compose.get("networks");
		List<String> nodes = List.of("opensearch", "os1", "os2", "os3");
		for (String node : nodes) {
			Map<String, Object> opensearch = (Map<String, Object>) services.get(node);
			assertThat(opensearch).as(node).doesNotContainKey("ports");
			List<String> networks = (List<String>) opensearch.get("networks");
			assertThat(networks).as(node).isNotEmpty();
			for (String network : networks) {
				assertThat((Map<String, Object>) declared.get(network)).containsEntry("internal", true);
			}
		}
		// Only the app instances (and, in the cluster profile, Dashboards on loopback)
		// reach
		// the nodes.
		List<String> trusted = List.of("chatwarden", "app1", "app2", "dashboards");
		services.forEach((name, service) -> {
			if (!nodes.contains(name) && !trusted.contains(name)) {
				assertThat((List<String>) ((Map<String, Object>) service).get("networks")).as(name)
					.doesNotContain("backend");
			}
			for (Object port : (List<Object>) ((Map<String, Object>) service).getOrDefault("ports", List.of())) {
				assertThat(port.toString()).as(name + " publishes on loopback only").startsWith("127.0.0.1:");
			}
		});
	}

}
