package io.chatwarden.findings;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.BulkWriter;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.Indices;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.SharedOpenSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluation cost at scale: seeds synthetic GPTs, users, keys, invites and conversations
 * (with DLP matches) straight into OpenSearch, evaluates twice (everything new, then
 * steady state) and prints the time and the bytes OpenSearch sent back, counted on the
 * wire by a proxy. {@code ./mvnw verify} runs it at a smoke size; the full run is
 *
 * <pre>
 * ./mvnw test -Dtest=FindingsBenchmarkTests -Dchatwarden.benchmark.resources=100000
 * </pre>
 */
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-bench", "chatwarden.sync.enabled=false",
		"chatwarden.demo.enabled=false", "chatwarden.findings.enabled=false", "chatwarden.dlp.salt=bench" })
class FindingsBenchmarkTests {

	static final int RESOURCES = Integer.getInteger("chatwarden.benchmark.resources", 1000);

	static final CountingProxy proxy = new CountingProxy(URI.create(SharedOpenSearch.uri()));

	@DynamicPropertySource
	static void openSearch(DynamicPropertyRegistry registry) {
		registry.add("opensearch.uris", proxy::uri);
		SharedOpenSearch.registerCredentials(registry);
	}

	@AfterAll
	static void stop() throws Exception {
		proxy.close();
	}

	@Autowired
	FindingScheduler scheduler;

	@Autowired
	BulkWriter writer;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@Test
	void shouldEvaluateAtScaleAndReportTimeAndBytesRead() {
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		counts.clear(Indices.GPTS, Indices.USERS, Indices.ADMIN_KEYS, Indices.PROJECT_KEYS, Indices.INVITES,
				Indices.CONVERSATIONS, Indices.MESSAGES, FindingStore.INDEX);
		long seeded = seed(Instant.now());
		Evaluation first = measure("first evaluation (all findings new)");
		Evaluation second = measure("second evaluation (steady state)");
		assertThat(first.failedRules()).isEmpty();
		assertThat(second.failedRules()).isEmpty();
		assertThat(second.observed()).isEqualTo(first.observed()).isPositive();
		assertThat(second.opened()).isZero();
		assertThat(seeded).isEqualTo(RESOURCES);
	}

	private Evaluation measure(String label) {
		long before = proxy.bytesFromServer.get();
		Evaluation evaluation = this.scheduler.evaluate().block(Duration.ofMinutes(30));
		long bytes = proxy.bytesFromServer.get() - before;
		System.out.printf("BENCHMARK %s over %,d resources: %,d ms, %,d bytes read from OpenSearch, %,d findings%n",
				label, RESOURCES, evaluation.durationMillis(), bytes, evaluation.observed());
		return evaluation;
	}

	/**
	 * Writes RESOURCES resources: 20% GPTs and users, 10% each kind of key and invites,
	 * 30% conversations.
	 */
	private long seed(Instant now) {
		List<BulkOp> ops = new ArrayList<>();
		int gpts = RESOURCES / 5;
		int users = RESOURCES / 5;
		int tenth = RESOURCES / 10;
		int conversations = RESOURCES - gpts - users - 3 * tenth;
		for (int i = 0; i < users; i++) {
			ops.add(op(Indices.USERS, "user-" + i,
					Map.of("id", "user-" + i, "email", "u" + i + "@bench.example", "status",
							i % 9 == 4 ? "inactive" : "active", "createdAt",
							now.minus(Duration.ofDays(60 + i % 300)))));
		}
		for (int i = 0; i < gpts; i++) {
			Map<String, Object> gpt = new LinkedHashMap<>();
			gpt.put("id", "g-" + i);
			gpt.put("name", "GPT " + i);
			gpt.put("ownerId", "user-" + (i * 7 % (users + 5)));
			gpt.put("visibility", List.of("invite-only", "workspace", "anyone-with-link", "gpt-store").get(i % 4));
			gpt.put("tools",
					List.of(List.of("browser"), List.of("code_interpreter", "custom_action"), List.of()).get(i % 3));
			gpt.put("customActions", i % 3 == 1
					? List.of(Map.of("domain", "api.example", "authType", i % 2 == 0 ? "none" : "oauth")) : List.of());
			gpt.put("recipients", i % 5 == 0 ? List
				.of(Map.of("id", "x" + i, "email", "p" + i + (i % 10 == 0 ? "@outside.example" : "@bench.example")))
					: List.of());
			ops.add(op(Indices.GPTS, "g-" + i, gpt));
		}
		for (int i = 0; i < tenth; i++) {
			Map<String, Object> key = new LinkedHashMap<>();
			key.put("id", "key-" + i);
			key.put("name", "key " + i);
			key.put("createdAt", now.minus(Duration.ofDays(i % 200)));
			if (i % 3 != 0) {
				key.put("lastUsedAt", now.minus(Duration.ofDays(i % 60)));
			}
			ops.add(op(Indices.ADMIN_KEYS, "key-" + i, key));
			Map<String, Object> projectKey = new LinkedHashMap<>(key);
			projectKey.put("id", "pkey-" + i);
			projectKey.put("projectId", "proj-" + i % 20);
			ops.add(op(Indices.PROJECT_KEYS, "pkey-" + i, projectKey));
			Map<String, Object> invite = new LinkedHashMap<>();
			invite.put("id", "invite-" + i);
			invite.put("email", "i" + i + "@bench.example");
			invite.put("role", i % 50 == 0 ? "owner" : "reader");
			invite.put("status", i % 2 == 0 ? "pending" : "accepted");
			invite.put("createdAt", now.minus(Duration.ofDays(i % 14)));
			ops.add(op(Indices.INVITES, "invite-" + i, invite));
		}
		for (int i = 0; i < conversations; i++) {
			String id = "c-" + i;
			String user = "user-" + (i % Math.max(1, users));
			Instant active = now.minus(Duration.ofHours(i % (24 * 90)));
			ops.add(op(Indices.CONVERSATIONS, id, Map.of("id", id, "userId", user, "lastActiveAt", active, "gptIds",
					i % 4 == 0 ? List.of("g-" + i % Math.max(1, gpts)) : List.of())));
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("id", "m-" + i);
			message.put("conversationId", id);
			message.put("position", 1);
			message.put("conversationTitle", "Chat " + i);
			if (i % 10 == 0) {
				String detector = i % 100 == 0 ? "aws-access-key" : "email";
				message.put("dlpDetectors", List.of(detector));
				message.put("dlp", List.of(Map.of("detector", detector, "severity", "LOW", "masked", "x***", "hash",
						"h" + (i / 200), "count", 1)));
			}
			ops.add(op(Indices.MESSAGES, "m-" + i, message));
		}
		Flux.fromIterable(ops).buffer(2000).concatMap(this.writer::write).blockLast(Duration.ofMinutes(30));
		return users + gpts + 3L * tenth + conversations;
	}

	private BulkOp op(String logical, String id, Map<String, Object> document) {
		return new BulkOp(this.indices.alias(logical), id, document);
	}

}
