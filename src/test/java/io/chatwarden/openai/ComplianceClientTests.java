package io.chatwarden.openai;

import java.time.Duration;
import java.util.List;

import io.chatwarden.openai.ScriptedServer.Reply;
import io.chatwarden.openai.ScriptedServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tests for {@link ComplianceClient} against a scripted HTTP server. */
@ExtendWith(OutputCaptureExtension.class)
class ComplianceClientTests {

	static final String KEY = "sk-proj-TESTSECRET0123456789";

	private static final String EMPTY_PAGE = """
			{"object":"list","data":[],"has_more":false,"last_id":null}""";

	private final ScriptedServer server = new ScriptedServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	private ComplianceClient client() {
		return client(6, Duration.ofSeconds(5), 50, DataSize.ofMegabytes(64));
	}

	private ComplianceClient client(int maxAttempts, Duration timeout, int listCallsPerMinute, DataSize maxSize) {
		ComplianceProperties properties = new ComplianceProperties(this.server.baseUrl(), KEY, "ws-1", 100, 200, 20,
				listCallsPerMinute, 100, timeout, maxAttempts, Duration.ofMillis(10), Duration.ofMillis(50), maxSize);
		return new ComplianceClient(properties, WebClient.builder());
	}

	@Test
	void shouldSendSinceTimestampOnFirstPageOnlyAndAfterThen() {
		this.server.reply(Reply.ok("""
				{"object":"list","has_more":true,"last_id":"conv-2",
				 "data":[{"id":"conv-1","messages":{"data":[]}},{"id":"conv-2","messages":{"data":[]}}]}"""),
				Reply.ok(EMPTY_PAGE));
		ComplianceClient client = client();

		StepVerifier.create(client.listConversations(1_700_000_000L, null)).assertNext((page) -> {
			assertThat(page.data()).hasSize(2);
			assertThat(page.lastId()).isEqualTo("conv-2");
			assertThat(page.hasMore()).isTrue();
		}).verifyComplete();
		StepVerifier.create(client.listConversations(1_700_000_000L, "conv-2"))
			.assertNext((page) -> assertThat(page.hasMore()).isFalse())
			.verifyComplete();

		List<Request> requests = this.server.requests();
		assertThat(requests.get(0).path()).isEqualTo("/v1/compliance/workspaces/ws-1/conversations");
		assertThat(requests.get(0).query()).containsOnlyKeys("limit", "since_timestamp", "file_format")
			.containsEntry("limit", List.of("100"))
			.containsEntry("since_timestamp", List.of("1700000000"))
			.containsEntry("file_format", List.of("id"));
		assertThat(requests.get(1).query()).containsOnlyKeys("limit", "after", "file_format")
			.containsEntry("after", List.of("conv-2"))
			.containsEntry("file_format", List.of("id"));
		assertThat(requests).extracting(Request::authorization).containsOnly("Bearer " + KEY);
	}

	@Test
	void shouldTakeCursorFromLastRecordWhenLastIdIsNullAndTrustOnlyHasMore() {
		this.server.reply(Reply.ok("""
				{"object":"list","has_more":true,"last_id":null,"data":[{"id":"user-1"},{"id":"user-7"}]}"""));
		StepVerifier.create(client().listUsers(null)).assertNext((page) -> {
			assertThat(page.lastId()).isEqualTo("user-7");
			assertThat(page.hasMore()).isTrue();
		}).verifyComplete();
		assertThat(this.server.requests().get(0).query()).containsOnlyKeys("limit")
			.containsEntry("limit", List.of("200"));
	}

	@Test
	void shouldPageGptsWithEncodedCursor() {
		this.server.reply(Reply.ok(EMPTY_PAGE));
		StepVerifier.create(client().listGpts("g-a+b&c=d")).expectNextCount(1).verifyComplete();
		Request request = this.server.requests().get(0);
		assertThat(request.path()).isEqualTo("/v1/compliance/workspaces/ws-1/gpts");
		assertThat(request.query()).containsEntry("after", List.of("g-a+b&c=d")).containsEntry("limit", List.of("20"));
	}

	@Test
	void shouldHonourRetryAfterOn429(CapturedOutput output) {
		this.server.reply(
				Reply.status(429, "{\"error\":{\"message\":\"Rate limit exceeded\"}}").header("Retry-After", "1"),
				Reply.ok(EMPTY_PAGE));
		StepVerifier.create(client().listUsers(null)).expectNextCount(1).verifyComplete();
		List<Request> requests = this.server.requests();
		assertThat(requests).hasSize(2);
		// Backoff alone would have retried after 10 to 50 ms.
		assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(output).contains("WARN")
			.contains("/compliance/workspaces/ws-1/users")
			.contains("HTTP 429")
			.contains("retrying in 1000 ms")
			.doesNotContain(KEY);
	}

	@Test
	void shouldRetryServerErrorThenSucceed() {
		this.server.reply(Reply.status(500, "oops"), Reply.status(503, "{}"), Reply.ok(EMPTY_PAGE));
		StepVerifier.create(client().listUsers(null)).expectNextCount(1).verifyComplete();
		assertThat(this.server.requests()).hasSize(3);
	}

	@Test
	void shouldRetryAfterTimeout() {
		this.server.reply(Reply.ok(EMPTY_PAGE).after(Duration.ofSeconds(2)), Reply.ok(EMPTY_PAGE));
		StepVerifier.create(client(3, Duration.ofMillis(300), 50, DataSize.ofMegabytes(1)).listUsers(null))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void shouldGiveUpAfterMaxAttempts() {
		this.server.reply(Reply.status(502, "{}"), Reply.status(502, "{}"), Reply.status(502, "{}"),
				Reply.ok(EMPTY_PAGE));
		StepVerifier.create(client(3, Duration.ofSeconds(5), 50, DataSize.ofMegabytes(1)).listUsers(null))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(OpenAiApiException.class)
					.hasMessage("Compliance API GET /compliance/workspaces/ws-1/users still failing after 3 attempts: "
							+ "HTTP 502");
				assertThat(((OpenAiApiException) error).status()).isEqualTo(502);
			})
			.verify(Duration.ofSeconds(5));
		assertThat(this.server.requests()).hasSize(3);
	}

	@Test
	void shouldRetryConnectionFailuresThenReportStatusZero() {
		ComplianceProperties properties = new ComplianceProperties("http://127.0.0.1:" + closedPort() + "/v1", KEY,
				"ws-1", 100, 200, 20, 50, 100, Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofMillis(20),
				DataSize.ofMegabytes(1));
		StepVerifier.create(new ComplianceClient(properties, WebClient.builder()).listUsers(null))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(OpenAiApiException.class)
					.hasMessageContaining("after 2 attempts: connection failed")
					.hasMessageNotContaining(KEY);
				assertThat(((OpenAiApiException) error).status()).isZero();
			})
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void shouldExplainRejectedKeyWithoutRetrying() {
		this.server.reply(Reply.status(401,
				"""
						{"error":{"message":"Incorrect API key provided: %s. You can find your API key at https://platform.openai.com.","type":"invalid_request_error"}}"""
					.formatted(KEY)));
		StepVerifier.create(client().listUsers(null)).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(OpenAiApiException.class)
				.hasMessageStartingWith("The Compliance API rejected the key (HTTP 401 on GET "
						+ "/compliance/workspaces/ws-1/users): check chatwarden.openai.compliance.api-key.")
				.hasMessageContaining("Server said: Incorrect API key provided: ***.")
				.hasMessageNotContaining(KEY)
				.hasMessageNotContaining("TESTSECRET");
			assertThat(((OpenAiApiException) error).status()).isEqualTo(401);
		}).verify(Duration.ofSeconds(5));
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void shouldExplainMissingScope() {
		this.server.reply(Reply.status(403, "{\"error\":{\"message\":\"Missing scopes\"}}"));
		StepVerifier.create(client().listGpts(null))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(OpenAiApiException.class)
				.hasMessageContaining("this key lacks the chatgpt.enterprise.compliance_export scope (read)")
				.hasMessageContaining("chatwarden.openai.compliance.api-key")
				.hasMessageEndingWith("Server said: Missing scopes"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void shouldExplainUnknownWorkspace() {
		this.server.reply(Reply.status(404, "not json"));
		StepVerifier.create(client().listConversations(null, null))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(OpenAiApiException.class)
				.hasMessage("The Compliance API does not know workspace 'ws-1' (HTTP 404 on GET "
						+ "/compliance/workspaces/ws-1/conversations): check chatwarden.openai.compliance.workspace-id."))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void shouldReportOtherClientErrorsWithStatusAndMessage() {
		this.server
			.reply(Reply.status(400, "{\"error\":{\"message\":\"since_timestamp cannot be combined with after\"}}"));
		StepVerifier.create(client().listConversations(null, "x"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(OpenAiApiException.class)
				.hasMessage("The Compliance API answered HTTP 400 on GET /compliance/workspaces/ws-1/conversations. "
						+ "Server said: since_timestamp cannot be combined with after"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void shouldRefuseToCallWithoutKeyOrWorkspace() {
		ComplianceProperties noKey = new ComplianceProperties(this.server.baseUrl(), " ", "ws-1", 100, 200, 20, 50, 100,
				Duration.ofSeconds(1), 1, Duration.ofMillis(10), Duration.ofMillis(10), DataSize.ofMegabytes(1));
		StepVerifier.create(new ComplianceClient(noKey, WebClient.builder()).listUsers(null))
			.expectErrorMessage("chatwarden.openai.compliance.api-key is not set: the Compliance API cannot be called")
			.verify(Duration.ofSeconds(5));
		ComplianceProperties noWorkspace = new ComplianceProperties(this.server.baseUrl(), KEY, null, 100, 200, 20, 50,
				100, Duration.ofSeconds(1), 1, Duration.ofMillis(10), Duration.ofMillis(10), DataSize.ofMegabytes(1));
		StepVerifier.create(new ComplianceClient(noWorkspace, WebClient.builder()).listUsers(null))
			.expectErrorMessage(
					"chatwarden.openai.compliance.workspace-id is not set: the Compliance API cannot be called")
			.verify(Duration.ofSeconds(5));
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void shouldRejectBodiesThatAreNotListEnvelopesOrHaveNoCursor() {
		this.server.reply(Reply.ok("{\"id\":\"user-1\"}"), Reply.ok("""
				{"object":"list","data":[],"has_more":true,"last_id":null}"""));
		StepVerifier.create(client().listUsers(null))
			.expectErrorMessage("Compliance API GET /compliance/workspaces/ws-1/users answered with no list envelope "
					+ "(no 'data' array)")
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(client().listUsers(null))
			.expectErrorMessage("Compliance API GET /compliance/workspaces/ws-1/users says more records follow "
					+ "(has_more) but gives no cursor (last_id)")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void shouldRejectBodyThatIsNotJson() {
		this.server.reply(Reply.ok("<html>maintenance</html>"));
		StepVerifier.create(client().listUsers(null))
			.expectErrorMessage(
					"Compliance API GET /compliance/workspaces/ws-1/users answered with a body that is not JSON")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void shouldReadLargePagesUpToMaxResponseSizeAndNameTheSettingBeyond() {
		String big = "{\"id\":\"c\",\"title\":\"" + "x".repeat(600_000) + "\",\"messages\":{\"data\":[]}}";
		String page = "{\"object\":\"list\",\"has_more\":false,\"data\":[" + big + "]}";
		this.server.reply(Reply.ok(page), Reply.ok(page));
		StepVerifier.create(client(1, Duration.ofSeconds(5), 50, DataSize.ofMegabytes(2)).listConversations(null, null))
			.assertNext((result) -> assertThat(result.lastId()).isEqualTo("c"))
			.verifyComplete();
		StepVerifier
			.create(client(1, Duration.ofSeconds(5), 50, DataSize.ofKilobytes(256)).listConversations(null, null))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(OpenAiApiException.class)
				.hasMessageContaining("larger than chatwarden.openai.compliance.max-response-size (262144B)"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void shouldNeverStartMoreCallsThanTheLimitWithinAMinute() {
		this.server.reply(Reply.ok(EMPTY_PAGE), Reply.ok(EMPTY_PAGE), Reply.ok(EMPTY_PAGE));
		ComplianceClient client = client(1, Duration.ofSeconds(5), 2, DataSize.ofMegabytes(1));
		Disposable calls = Flux.range(0, 3).flatMap((i) -> client.listUsers(null)).subscribe();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.requests().size() == 2);
			// The third call must not start: the count holds for a while (the limit's
			// window is a minute).
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> this.server.requests().size() == 2);
		}
		finally {
			calls.dispose();
		}
	}

	static int closedPort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
