package io.chatwarden.openai;

import java.time.Duration;
import java.util.List;

import io.chatwarden.openai.ScriptedServer.Reply;
import io.chatwarden.openai.ScriptedServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link AdminClient} against a scripted HTTP server. */
class AdminClientTests {

	private static final String KEY = "sk-admin-TESTSECRET0123456789";

	private static final String PAGE = """
			{"object":"list","data":[{"id":"a"},{"id":"b"}],"first_id":"a","last_id":"b","has_more":true}""";

	private final ScriptedServer server = new ScriptedServer();

	private final AdminClient client = new AdminClient(new AdminProperties(this.server.baseUrl(), KEY, 100, 50, 100,
			Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofMillis(50), DataSize.ofMegabytes(1)),
			WebClient.builder());

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void shouldListEveryResourceWithLimitAndCursor() {
		for (int i = 0; i < 5; i++) {
			this.server.reply(Reply.ok(PAGE));
		}
		StepVerifier.create(this.client.listAdminKeys(null))
			.assertNext((page) -> assertThat(page.lastId()).isEqualTo("b"))
			.verifyComplete();
		StepVerifier.create(this.client.listProjects("proj_1")).expectNextCount(1).verifyComplete();
		StepVerifier.create(this.client.listProjectKeys("proj_1", "key_9")).expectNextCount(1).verifyComplete();
		StepVerifier.create(this.client.listOrgUsers(null)).expectNextCount(1).verifyComplete();
		StepVerifier.create(this.client.listInvites("invite-1"))
			.assertNext((page) -> assertThat(page.hasMore()).isTrue())
			.verifyComplete();

		List<Request> requests = this.server.requests();
		assertThat(requests).extracting(Request::path)
			.containsExactly("/v1/organization/admin_api_keys", "/v1/organization/projects",
					"/v1/organization/projects/proj_1/api_keys", "/v1/organization/users", "/v1/organization/invites");
		assertThat(requests.get(0).query()).containsOnlyKeys("limit").containsEntry("limit", List.of("100"));
		assertThat(requests.get(1).query()).containsOnlyKeys("limit", "after", "include_archived")
			.containsEntry("include_archived", List.of("true"))
			.containsEntry("after", List.of("proj_1"));
		assertThat(requests.get(2).query()).containsEntry("after", List.of("key_9"));
		assertThat(requests.get(4).query()).containsEntry("after", List.of("invite-1"));
		assertThat(requests).extracting(Request::authorization).containsOnly("Bearer " + KEY);
	}

	@Test
	void shouldExplainThatAnAdminKeyIsNeeded() {
		this.server.reply(Reply.status(401, "{\"error\":{\"message\":\"Invalid key " + KEY + "\"}}"), Reply.status(403,
				"{\"error\":{\"message\":\"" + "You have insufficient permissions. ".repeat(20) + "\"}}"));
		StepVerifier.create(this.client.listOrgUsers(null))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(OpenAiApiException.class)
				.hasMessageStartingWith("The Admin API refused the key (HTTP 401 on GET /organization/users): "
						+ "it needs an organization admin key (chatwarden.openai.admin.api-key)")
				.hasMessageEndingWith("Server said: Invalid key ***")
				.hasMessageNotContaining("TESTSECRET"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(this.client.listAdminKeys(null)).expectErrorSatisfies((error) -> {
			assertThat(error).hasMessageContaining("HTTP 403")
				.hasMessageContaining("needs an organization admin key (chatwarden.openai.admin.api-key)")
				.hasMessageEndingWith("…");
			// The server's message is cut short.
			assertThat(error.getMessage()).hasSizeLessThan(600);
			assertThat(((OpenAiApiException) error).status()).isEqualTo(403);
		}).verify(Duration.ofSeconds(5));
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void shouldReportUnknownProjectWithServerMessage() {
		this.server.reply(Reply.status(404, "{\"error\":{\"message\":\"No such project: proj_x\"}}"));
		StepVerifier.create(this.client.listProjectKeys("proj_x", null))
			.expectErrorMessage("The Admin API answered HTTP 404 on GET /organization/projects/proj_x/api_keys. "
					+ "Server said: No such project: proj_x")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void shouldRetryRateLimitWithoutRetryAfterUsingBackoff() {
		this.server.reply(Reply.status(429, "{}"), Reply.ok(PAGE));
		StepVerifier.create(this.client.listProjects(null)).expectNextCount(1).verifyComplete();
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void shouldRefuseToCallWithoutKey() {
		AdminClient unconfigured = new AdminClient(new AdminProperties(this.server.baseUrl(), null, 100, 50, 100,
				Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofMillis(50), DataSize.ofMegabytes(1)),
				WebClient.builder());
		StepVerifier.create(unconfigured.listInvites(null))
			.expectErrorMessage("chatwarden.openai.admin.api-key is not set: the Admin API cannot be called")
			.verify(Duration.ofSeconds(5));
		assertThat(this.server.requests()).isEmpty();
	}

}
