package io.chatwarden.security;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.chatwarden.ChatwardenApplication;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SignedStorage;
import io.chatwarden.simulator.SimulatorRoutes;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.SharedOpenSearch;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The review's attacks on the demo's local admin and its simulator, each refused: DNS
 * rebinding (a foreign Host), a foreign Origin, forwarding headers of every kind, an
 * exposed demo without a token, demo-minted tokens after the demo, and a web page
 * injecting simulator faults.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.demo.enabled=true", "chatwarden.sync.enabled=false",
				"chatwarden.findings.enabled=false", "chatwarden.simulator.conversations=5",
				"chatwarden.store.index-prefix=" + LocalDemoAdminAttackTests.PREFIX })
class LocalDemoAdminAttackTests extends OpenSearchTest {

	static final String PREFIX = "cw-security-demo";

	@LocalServerPort
	int port;

	@Test
	void shouldGrantTheLocalAdminToAPlainLoopbackRequest() {
		assertThat(viewer(Map.of())).contains("local-demo-admin");
		assertThat(viewer(Map.of("Host", "localhost:" + this.port, "Origin", "http://localhost:" + this.port)))
			.contains("local-demo-admin");
	}

	@Test
	void shouldRefuseADnsRebindingHost() {
		assertThat(viewer(Map.of("Host", "attacker.example:" + this.port))).isNull();
		assertThat(viewer(Map.of("Host", "127.0.0.1.nip.io:" + this.port))).isNull();
	}

	@Test
	void shouldRefuseAForeignOrigin() {
		assertThat(viewer(Map.of("Origin", "http://attacker.example"))).isNull();
		assertThat(viewer(Map.of("Origin", "null"))).isNull();
	}

	@Test
	void shouldRefuseEveryForwardingHeader() {
		for (Map.Entry<String, String> header : Map
			.of("Forwarded", "for=127.0.0.1", "X-Forwarded-For", "127.0.0.1", "X-Forwarded-Host", "localhost",
					"X-Real-IP", "127.0.0.1", "Via", "1.1 proxy", "True-Client-IP", "127.0.0.1")
			.entrySet()) {
			assertThat(viewer(Map.of(header.getKey(), header.getValue()))).as(header.getKey()).isNull();
		}
	}

	@Test
	void shouldRefuseToStartAnExposedDemoWithoutAToken() {
		// Arguments, not default properties: application.yml would override those. No
		// embedded node either way: the cluster named is unreachable.
		assertThatThrownBy(() -> new SpringApplicationBuilder(ChatwardenApplication.class)
			.run("--chatwarden.demo.enabled=true", "--server.address=0.0.0.0", "--server.port=0",
					"--chatwarden.sync.enabled=false", "--opensearch.uris=http://127.0.0.1:1")
			.close()).hasStackTraceContaining("needs chatwarden.security.bootstrap-admin-token");
	}

	@Test
	void shouldRejectDemoMintedTokensOnceDemoModeIsOff() {
		String token = http(Map.of()).post()
			.uri("/graphql")
			.bodyValue(Map.of("query",
					"mutation { createApiToken(input: {name: \"demo-minted\", role: \"ADMIN\"}) { value } }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String value = token.replaceAll("(?s).*\"value\":\"([^\"]+)\".*", "$1");
		assertThat(value).startsWith("cwt_");
		assertThat(viewer(Map.of("Authorization", "Bearer " + value))).contains("demo-minted");
		List<String> arguments = new ArrayList<>(List.of("--chatwarden.demo.enabled=false",
				"--chatwarden.sync.enabled=false", "--chatwarden.findings.enabled=false", "--server.port=0",
				"--chatwarden.store.index-prefix=" + PREFIX, "--opensearch.uris=" + SharedOpenSearch.uri(),
				"--chatwarden.security.bootstrap-admin-token=real-bootstrap-token-1"));
		arguments.addAll(SharedOpenSearch.credentialArguments());
		try (ConfigurableApplicationContext real = new SpringApplicationBuilder(ChatwardenApplication.class)
			.run(arguments.toArray(String[]::new))) {
			int realPort = Integer.parseInt(real.getEnvironment().getProperty("local.server.port"));
			WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + realPort)
				.build()
				.post()
				.uri("/graphql")
				.header("Authorization", "Bearer " + value)
				.bodyValue(Map.of("query", "{ viewer { name } }"))
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
	}

	@Test
	void shouldRefuseSimulatorFaultsFromAWebPage() {
		// A cross-site form post: text/plain, no preflight. Refused whatever the switch.
		http(Map.of()).post()
			.uri("/simulator/_faults")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("{\"serverErrorEvery\":1}")
			.exchange()
			.expectStatus()
			.value(status -> assertThat(status).isIn(404, 415));
		// JSON too: the fault switch is a test switch, off in the app.
		http(Map.of()).post()
			.uri("/simulator/_faults")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"serverErrorEvery\":1}")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void shouldServeTheInAppSimulatorOnlyWithTheDemoKey() {
		String users = "/simulator/compliance/v1/compliance/workspaces/" + SimulatorProperties.DEFAULT_WORKSPACE_ID
				+ "/users";
		http(Map.of()).get().uri(users).exchange().expectStatus().isUnauthorized();
		http(Map.of("Authorization", "Bearer sk-anything")).get().uri(users).exchange().expectStatus().isUnauthorized();
		http(Map.of("Authorization", "Bearer demo-key-not-a-secret")).get().uri(users).exchange().expectStatus().isOk();
	}

	@Test
	void shouldServeTheSimulatorToLoopbackPeersOnly() {
		SignedStorage storage = SignedStorage.start(java.time.Clock.systemUTC());
		SimulatedWorkspace workspace = new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(1),
				java.time.Clock.systemUTC());
		WebTestClient remote = WebTestClient
			.bindToRouterFunction(SimulatorRoutes.create(workspace, new SimulatorFaults(), storage))
			.webFilter((exchange,
					chain) -> chain.filter(exchange.mutate()
						.request(request -> request.remoteAddress(new InetSocketAddress("203.0.113.9", 40000)))
						.build()))
			.build();
		remote.get()
			.uri("/simulator/compliance/v1/compliance/workspaces/" + workspace.workspaceId() + "/users")
			.header("Authorization", "Bearer sk-test")
			.exchange()
			.expectStatus()
			.isForbidden();
		remote.post()
			.uri("/simulator/_faults")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"reset\":true}")
			.exchange()
			.expectStatus()
			.isForbidden();
		storage.close();
	}

	/** The viewer's name as the local admin sees it, or null when refused. */
	private String viewer(Map<String, String> headers) {
		var result = http(headers).post()
			.uri("/graphql")
			.bodyValue(Map.of("query", "{ viewer { name kind } }"))
			.exchange()
			.returnResult(String.class);
		if (result.getStatus().value() == 401) {
			return null;
		}
		assertThat(result.getStatus().value()).isEqualTo(200);
		return result.getResponseBody().blockFirst(Duration.ofSeconds(30));
	}

	private WebTestClient http(Map<String, String> headers) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.defaultHeaders(h -> headers.forEach(h::set))
			.build();
	}

}
