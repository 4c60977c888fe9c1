package io.chatwarden.security;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's attacks on the rate limits, each stopped: guessing tokens, aliasing one
 * query many times in a request, and sharing a bucket through a token name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-security-rate", "chatwarden.sync.enabled=false",
				"chatwarden.demo.enabled=false", "chatwarden.findings.enabled=false",
				"chatwarden.security.requests-per-minute=8", "chatwarden.security.failed-authentications-per-minute=5",
				"chatwarden.security.bootstrap-admin-token=" + RateLimitAttackTests.BOOTSTRAP })
class RateLimitAttackTests extends OpenSearchTest {

	static final String BOOTSTRAP = "rate-bootstrap-Secret-19";

	@LocalServerPort
	int port;

	@Test
	void shouldAnswer429ToAnAddressGuessingTokens() {
		// The guesser comes from another loopback address, so this class's other tests
		// (from 127.0.0.1) are not locked out with it.
		WebTestClient guesser = client("127.0.0.2");
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			statuses.add(viewer(guesser, "cwt_guess" + i));
		}
		assertThat(statuses.subList(0, 5)).containsOnly(401);
		assertThat(statuses.subList(6, 12)).containsOnly(429);
		// Locked out for the minute, even with the right token; other addresses are not.
		assertThat(viewer(guesser, BOOTSTRAP)).isEqualTo(429);
		assertThat(viewer(client("127.0.0.1"), "cwt_wrong-but-not-a-guesser")).isEqualTo(401);
	}

	@Test
	void shouldCountEveryRootFieldAndKeyBucketsByTokenId() {
		WebTestClient http = client("127.0.0.1");
		String first = createToken(http, "twin");
		String second = createToken(http, "twin");
		StringBuilder aliased = new StringBuilder("{");
		for (int i = 0; i < 9; i++) {
			aliased.append(" v").append(i).append(": viewer { name }");
		}
		aliased.append(" }");
		int status = http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + first)
			.bodyValue(Map.of("query", aliased.toString()))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
		assertThat(status).as("9 root fields against a limit of 8").isEqualTo(429);
		// Another token with the same name has its own bucket.
		assertThat(viewer(http, second)).isEqualTo(200);
	}

	private String createToken(WebTestClient http, String name) {
		String body = http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + BOOTSTRAP)
			.bodyValue(Map.of("query",
					"mutation { createApiToken(input: {name: \"" + name + "\", role: \"VIEWER\"}) { value } }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return body.replaceAll("(?s).*\"value\":\"([^\"]+)\".*", "$1");
	}

	private static int viewer(WebTestClient http, String token) {
		return http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token)
			.bodyValue(Map.of("query", "{ viewer { name } }"))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private WebTestClient client(String from) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(from, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
