package io.chatwarden.store;

import java.time.Duration;
import java.util.Map;

import io.chatwarden.support.SharedOpenSearch;
import io.chatwarden.support.StoreProxy;
import io.chatwarden.support.TestAuthentication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store going away and coming back, seen from outside: readiness goes DOWN so a load
 * balancer stops sending traffic, queries fail with a retryable UNAVAILABLE error and a
 * retry hint (not an opaque INTERNAL_ERROR), and both recover by themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-store-outage", "chatwarden.sync.enabled=false",
				"chatwarden.demo.enabled=false", TestAuthentication.PROPERTY, "opensearch.socket-timeout=3s" })
@AutoConfigureWebTestClient
@Import(TestAuthentication.class)
class StoreOutageTests {

	static final StoreProxy store = new StoreProxy(SharedOpenSearch.uri());

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("opensearch.uris", store::uri);
		SharedOpenSearch.registerCredentials(registry);
	}

	@AfterAll
	static void closeProxy() throws Exception {
		store.close();
	}

	@Autowired
	WebTestClient http;

	@Test
	void shouldReportTheStoreUnavailableWhileItIsAwayAndRecoverWhenItIsBack() {
		assertThat(readiness()).isEqualTo(200);
		assertThat(search().containsKey("errors")).isFalse();

		store.cut();
		await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
		Map<?, ?> failed = search();
		Map<?, ?> error = (Map<?, ?>) ((java.util.List<?>) failed.get("errors")).get(0);
		Map<?, ?> extensions = (Map<?, ?>) error.get("extensions");
		assertThat(extensions.get("classification")).isEqualTo("UNAVAILABLE");
		assertThat(((Number) extensions.get("retryAfter")).intValue()).isPositive();
		assertThat(error.get("message").toString()).doesNotContain("127.0.0.1");

		store.restore();
		await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
		await().atMost(Duration.ofSeconds(30)).until(() -> !search().containsKey("errors"));
	}

	private int readiness() {
		return this.http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private Map<?, ?> search() {
		return this.http.post()
			.uri("/graphql")
			.bodyValue(Map.of("query", "{ searchConversations(query: \"invoice\") { totalCount } }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

}
