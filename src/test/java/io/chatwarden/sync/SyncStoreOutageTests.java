package io.chatwarden.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.SharedOpenSearch;
import io.chatwarden.support.SimulatorEndpoints;
import io.chatwarden.support.StoreProxy;
import io.chatwarden.support.TestAuthentication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The copy survives its own store going away: the store cut in the middle of a sync (for
 * longer than the bulk retries last) and a read-only block on the messages index hold the
 * sync instead of failing it or dead-lettering, and it completes by itself with exact
 * counts once the store is back; a document OpenSearch rejects is dead-lettered as its
 * source record, the run reported partial, and the letter replays to a document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-sync-outage", "chatwarden.sync.enabled=false",
				"chatwarden.demo.enabled=false", TestAuthentication.PROPERTY,
				"chatwarden.openai.compliance.list-calls-per-minute=100000",
				"chatwarden.openai.compliance.min-backoff=10ms", "chatwarden.openai.compliance.max-backoff=100ms",
				"chatwarden.sync.logs.concurrency=1", "chatwarden.sync.recovery.store-min-backoff=200ms",
				"chatwarden.sync.recovery.store-max-backoff=2s", "chatwarden.sync.recovery.store-max-wait=5m" })
class SyncStoreOutageTests {

	static final StoreProxy store = new StoreProxy(SharedOpenSearch.uri());

	static final SimulatorServer simulator = SimulatorServer.start(
			new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(240).withEnforceRateLimits(false),
					Clock.systemUTC()),
			new SimulatorFaults());

	static final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("opensearch.uris", store::uri);
		SharedOpenSearch.registerCredentials(registry);
		SimulatorEndpoints.compliance(registry, simulator, () -> "sk-proj-StoreOutageKey0123456789");
	}

	@AfterAll
	static void close() throws IOException {
		store.close();
		simulator.close();
	}

	@Autowired
	SyncService sync;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@LocalServerPort
	int port;

	IndexCounts counts;

	Disposable run;

	@BeforeEach
	void startFromAnEmptyCopy() {
		store.restore();
		this.counts = new IndexCounts(this.client, this.indices);
		this.counts.clear(Indices.CONVERSATIONS, Indices.MESSAGES, Indices.USERS, Indices.GPTS, Indices.EVENTS,
				Indices.SYNC_STATE, Indices.DEAD_LETTERS);
		simulator.faults().reset();
	}

	@AfterEach
	void restoreTheStore() {
		store.restore();
		setting(Indices.MESSAGES, "index.blocks.write", "false");
		setting(Indices.USERS, "index.default_pipeline", null);
		if (this.run != null) {
			this.run.dispose();
		}
	}

	@Test
	void shouldCompleteBySelfWithExactCountsWhenTheStoreIsCutMidSyncAndComesBack() {
		// Slow enough that the messages are still being copied when the store goes.
		simulator.faults().latency(Duration.ofMillis(300));
		this.run = this.sync.run().subscribe();
		await().atMost(Duration.ofMinutes(2)).until(() -> this.counts.count(Indices.MESSAGES) > 0);

		store.cut();
		// Longer than the bulk retries alone last (about 8 s): the run holds, it neither
		// fails nor dead-letters.
		await().atMost(Duration.ofMinutes(1)).until(() -> "HELD".equals(this.sync.status().outcome()));
		await().during(Duration.ofSeconds(20))
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.sync.status().running() && "HELD".equals(this.sync.status().outcome()));
		assertThat(logs().note()).startsWith("Waiting for OpenSearch");

		store.restore();
		simulator.faults().latency(Duration.ZERO);
		await().atMost(Duration.ofMinutes(3)).until(() -> !this.sync.status().running());
		SyncStatus status = this.sync.status();
		assertThat(status.outcome()).isEqualTo("SUCCESS");
		assertThat(status.lastError()).isNull();
		assertExactCopy();
	}

	@Test
	void shouldHoldWhileTheMessagesIndexIsReadOnlyAndCopyEverythingOnceItClears() {
		simulator.faults().latency(Duration.ofMillis(300));
		this.run = this.sync.run().subscribe();
		await().atMost(Duration.ofMinutes(2)).until(() -> this.counts.count(Indices.MESSAGES) > 0);

		// What a full disk does.
		setting(Indices.MESSAGES, "index.blocks.write", "true");
		await().atMost(Duration.ofMinutes(1)).until(() -> "HELD".equals(this.sync.status().outcome()));
		await().during(Duration.ofSeconds(10))
			.atMost(Duration.ofSeconds(20))
			.until(() -> "HELD".equals(this.sync.status().outcome()));
		assertThat(logs().state()).isEqualTo(SyncState.HELD);
		assertThat(logs().note()).contains("cluster_block");
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isZero();

		setting(Indices.MESSAGES, "index.blocks.write", "false");
		simulator.faults().latency(Duration.ZERO);
		await().atMost(Duration.ofMinutes(3)).until(() -> !this.sync.status().running());
		assertThat(this.sync.status().outcome()).isEqualTo("SUCCESS");
		assertExactCopy();
	}

	@Test
	void shouldDeadLetterARejectedDocumentAsItsRecordReportPartialAndReplayIt() {
		String rejected = simulator.workspace().userIds().get(3);
		rest("PUT", "/_ingest/pipeline/cw-sync-outage-reject", "{\"processors\":[{\"fail\":{\"if\":\"ctx.id == '"
				+ rejected + "'\",\"message\":\"rejected for the test\"}}]}");
		setting(Indices.USERS, "index.default_pipeline", "cw-sync-outage-reject");

		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.outcome()).isEqualTo("PARTIAL");
		assertThat(status.lastError()).contains("1 record(s)").contains("replayDeadLetters");
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		assertThat(this.counts.count(Indices.USERS)).isEqualTo(expected.users() - 1);
		Map<?, ?> letter = onlyDeadLetter();
		assertThat(letter.get("resource")).isEqualTo("users");
		assertThat(letter.get("sourceId")).isEqualTo(rejected);
		assertThat(letter.get("reason").toString()).contains("rejected for the test");
		assertThat(letter.get("position").toString()).startsWith("users page ending at");
		// The source record, as JSON: what the API served, not a Java rendering.
		assertThat(letter.get("payload").toString()).startsWith("{").contains("\"id\":\"" + rejected + "\"");

		// Someone who may read but not administer cannot replay.
		String viewer = graphQl(TestAuthentication.ADMIN_TOKEN)
			.document("mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { value } }")
			.variable("input", Map.of("name", "outage-viewer", "role", "VIEWER"))
			.execute()
			.path("createApiToken.value")
			.entity(String.class)
			.get();
		graphQl(viewer).document("mutation { replayDeadLetters { replayed } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).isNotEmpty());
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isEqualTo(1);

		// The cause fixed, the record replays to its document and the letter goes.
		setting(Indices.USERS, "index.default_pipeline", null);
		graphQl(TestAuthentication.ADMIN_TOKEN)
			.document("mutation { replayDeadLetters(resource: \"users\") { replayed failed remaining } }")
			.execute()
			.path("replayDeadLetters")
			.entity(Map.class)
			.isEqualTo(Map.of("replayed", 1, "failed", 0, "remaining", 0));
		assertThat(this.counts.count(Indices.USERS)).isEqualTo(expected.users());
		assertThat(this.counts.count(Indices.USERS,
				Query.of((q) -> q.term((t) -> t.field("id").value(FieldValue.of(rejected))))))
			.isEqualTo(1);
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isZero();
	}

	private void assertExactCopy() {
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(expected.messages());
		assertThat(this.counts.count(Indices.CONVERSATIONS)).isEqualTo(expected.conversations());
		assertThat(this.counts.count(Indices.USERS)).isEqualTo(expected.users());
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isZero();
	}

	private ResourceProgressView logs() {
		return this.sync.status()
			.resources()
			.stream()
			.filter((r) -> r.resource().equals(Resources.LOGS))
			.findFirst()
			.orElseThrow();
	}

	private Map<?, ?> onlyDeadLetter() {
		try {
			List<?> hits = this.client.search((s) -> s.index(this.indices.alias(Indices.DEAD_LETTERS)), Map.class)
				.get()
				.hits()
				.hits();
			assertThat(hits).hasSize(1);
			return (Map<?, ?>) ((org.opensearch.client.opensearch.core.search.Hit<?>) hits.get(0)).source();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpGraphQlTester graphQl(String token) {
		return HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port + "/graphql")
			.defaultHeader("Authorization", "Bearer " + token)
			.responseTimeout(Duration.ofMinutes(1))
			.build());
	}

	/** Sets (or, with null, removes) an index setting, straight on the node. */
	private void setting(String logicalIndex, String name, String value) {
		rest("PUT", "/" + this.indices.alias(logicalIndex) + "/_settings",
				"{\"" + name + "\":" + ((value == null) ? "null" : "\"" + value + "\"") + "}");
	}

	private static void rest(String method, String path, String body) {
		try {
			HttpResponse<String> response = http
				.send(SharedOpenSearch.authorize(HttpRequest.newBuilder(URI.create(SharedOpenSearch.uri() + path)))
					.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
