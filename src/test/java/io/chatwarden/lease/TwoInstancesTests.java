package io.chatwarden.lease;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorRoutes;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.support.AppProcess;
import io.chatwarden.support.ClusterHttp;
import io.chatwarden.support.RecordingProxy;
import io.chatwarden.support.SharedOpenSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two app processes started together against one OpenSearch and one (simulated)
 * workspace: one syncs, the other waits; the leader is killed with SIGKILL mid-sync and
 * the other takes over within the lease time and completes with exact counts; findings
 * are evaluated once and every alert reaches the webhook once.
 */
@Tag("multiprocess")
class TwoInstancesTests {

	static final String PREFIX = "cw-two-" + Long.toHexString(System.nanoTime());

	static final Duration LEASE = Duration.ofSeconds(6);

	static final SimulatorServer simulator = SimulatorServer.start(new SimulatedWorkspace(SimulatorProperties.defaults()
		.withConversations(200)
		.withEnforceRateLimits(false)
		// The 2025 world: a conversations cursor marks the middle of the sync.
		.withStatefulConversations(true), Clock.systemUTC()), new SimulatorFaults());

	static final RecordingProxy api = new RecordingProxy(simulator.baseUrl());

	static final List<String> alerts = new CopyOnWriteArrayList<>();

	static final HttpServer webhook = webhook();

	@AfterAll
	static void stop() {
		simulator.close();
		api.close();
		webhook.stop(0);
	}

	@Test
	void oneInstanceSyncsAndTheOtherTakesOverWhenItIsKilled() {
		ClusterHttp cluster = new ClusterHttp(SharedOpenSearch.uri(), SharedOpenSearch.credentials());
		simulator.faults().latency(Duration.ofMillis(150));
		Map<String, AppProcess> apps = Map.of("app-a", start("app-a"), "app-b", start("app-b"));
		try {
			await().atMost(Duration.ofMinutes(3))
				.until(() -> !cluster.source(PREFIX + "-sync-state", "conversations").path("cursor").isMissingNode()
						&& !cluster.source(PREFIX + "-leases", "sync").path("holder").isMissingNode());
			String leader = cluster.source(PREFIX + "-leases", "sync").path("holder").asText();
			String other = leader.equals("app-a") ? "app-b" : "app-a";
			assertThat(firstPages("/users")).as("the API saw one sync, not two").isEqualTo(1);
			assertThat(apps.get(other).isAlive()).isTrue();

			apps.get(leader).kill();
			Instant killed = Instant.now();
			simulator.faults().latency(Duration.ofMillis(20));
			// The lease lapses after LEASE; the other instance tries every LEASE.
			await().atMost(LEASE.multipliedBy(2).plusSeconds(5))
				.until(() -> other.equals(cluster.source(PREFIX + "-leases", "sync").path("holder").asText()));
			assertThat(Duration.between(killed, Instant.now())).isLessThan(LEASE.multipliedBy(2).plusSeconds(5));
			await().atMost(Duration.ofMinutes(3))
				.until(() -> other.equals(cluster.source(PREFIX + "-leases", "sync").path("lastCompletedBy").asText()));

			ExpectedCounts expected = simulator.workspace().expectedCounts();
			assertThat(cluster.count(PREFIX + "-conversations")).isEqualTo(expected.conversations());
			assertThat(cluster.count(PREFIX + "-messages")).isEqualTo(expected.messages());
			assertThat(cluster.count(PREFIX + "-users")).isEqualTo(expected.users());
			assertThat(cluster.count(PREFIX + "-gpts")).isEqualTo(expected.gpts());

			// Findings follow the sync on the instance that finished it; each alert once.
			await().atMost(Duration.ofMinutes(2))
				.until(() -> !cluster.source(PREFIX + "-leases", "findings").path("lastCompletedAt").isMissingNode());
			long findings = cluster.count(PREFIX + "-findings");
			assertThat(findings).isPositive();
			JsonNode distinct = cluster.must("POST", "/" + PREFIX + "-findings/_search",
					"{\"size\":0,\"aggs\":{\"pairs\":{\"composite\":{\"size\":1000,\"sources\":["
							+ "{\"t\":{\"terms\":{\"field\":\"typeId\"}}},{\"r\":{\"terms\":{\"field\":\"resourceId\"}}}]}}}}");
			assertThat(distinct.path("aggregations").path("pairs").path("buckets").size())
				.as("one finding per type and resource: not doubled")
				.isEqualTo((int) findings);
			JsonNode high = cluster.must("POST", "/" + PREFIX + "-findings/_count",
					"{\"query\":{\"terms\":{\"severity\":[\"HIGH\",\"CRITICAL\"]}}}");
			long expectedAlerts = high.path("count").asLong();
			assertThat(expectedAlerts).isPositive();
			await().atMost(Duration.ofMinutes(1)).until(() -> alerts.size() >= expectedAlerts);
			Map<String, Long> perFinding = alerts.stream()
				.map(TwoInstancesTests::findingId)
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
			assertThat(perFinding).hasSize((int) expectedAlerts);
			assertThat(perFinding.values()).as("each alert delivered once").allMatch(count -> count == 1);
			assertThat(cluster.count(PREFIX + "-alert-outbox")).isEqualTo(expectedAlerts);
		}
		finally {
			apps.values().forEach(AppProcess::close);
		}
	}

	private static long firstPages(String resource) {
		return api.requests()
			.stream()
			.filter(request -> request.startsWith("GET " + SimulatorRoutes.COMPLIANCE_ROOT)
					&& request.contains(resource) && (request.endsWith(resource) || request.contains(resource + "?"))
					&& !request.contains("after="))
			.count();
	}

	private static AppProcess start(String instance) {
		String compliance = simulator.complianceBaseUrl().replace(simulator.baseUrl(), api.url());
		String admin = simulator.adminBaseUrl().replace(simulator.baseUrl(), api.url());
		return AppProcess.start(instance,
				List.of("--opensearch.uris=" + SharedOpenSearch.uri(), "--chatwarden.store.index-prefix=" + PREFIX,
						"--chatwarden.demo.enabled=false", "--chatwarden.sync.logs.enabled=false",
						"--chatwarden.sync.interval=1h", "--chatwarden.lease.duration=" + LEASE.toSeconds() + "s",
						"--chatwarden.lease.instance-id=" + instance,
						"--chatwarden.openai.compliance.base-url=" + compliance,
						"--chatwarden.openai.compliance.api-key=two-instances-key",
						"--chatwarden.openai.compliance.workspace-id=" + simulator.workspace().workspaceId(),
						"--chatwarden.openai.compliance.conversation-page-size=10",
						"--chatwarden.openai.compliance.list-calls-per-minute=100000",
						"--chatwarden.openai.admin.base-url=" + admin,
						"--chatwarden.openai.admin.api-key=two-instances-admin-key",
						"--chatwarden.findings.webhook.url=http://127.0.0.1:" + webhook.getAddress().getPort()
								+ "/alerts",
						"--chatwarden.findings.webhook.secret=two-instances-webhook-secret"),
				SharedOpenSearch.credentials());
	}

	private static String findingId(String body) {
		try {
			return new ObjectMapper().readTree(body).path("id").asText();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer webhook() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/alerts", exchange -> {
				alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
