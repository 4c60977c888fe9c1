package io.chatwarden.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.EmbeddedOpenSearch;
import io.chatwarden.store.NodeCredentials;
import io.chatwarden.store.OpenSearchProperties;
import io.chatwarden.support.AppProcess;
import io.chatwarden.support.ClusterHttp;
import io.chatwarden.support.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real three-node cluster on loopback, from the same distribution as the embedded node
 * (small heaps), with two app instances and one replica: a node is stopped in the middle
 * of a sync, the sync completes and nothing is missing once the node is back. The apps'
 * scheduled snapshot is then restored into the emptied cluster with identical counts,
 * following the procedure in docs/scaling.md.
 */
@Tag("multiprocess")
class ClusterTests {

	static final String PREFIX = "cw-cluster-" + Long.toHexString(System.nanoTime());

	static final String REPOSITORY = PREFIX + "-snapshots";

	static final String[] NAMES = { "n1", "n2", "n3" };

	static final List<EmbeddedOpenSearch> nodes = new ArrayList<>();

	/** One credential for the whole cluster: the app sends it to any node. */
	static final NodeCredentials credentials = NodeCredentials.random();

	static final SimulatorServer simulator = SimulatorServer.start(new SimulatedWorkspace(SimulatorProperties.defaults()
		.withConversations(150)
		.withEnforceRateLimits(false)
		// The 2025 world: a conversations cursor marks the middle of the sync.
		.withStatefulConversations(true), Clock.systemUTC()), new SimulatorFaults());

	static Path parent;

	static List<Integer> transportPorts;

	static String clusterName;

	@BeforeAll
	static void startCluster() throws IOException {
		boolean root = "root".equals(System.getProperty("user.name"));
		Path base = root ? Path.of("/var/tmp/chatwarden") : Path.of(System.getProperty("java.io.tmpdir"));
		Files.createDirectories(base);
		parent = Files.createTempDirectory(base, "test-cluster-");
		// The nodes (as root: nobody) must reach their folders inside.
		Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
		transportPorts = IntStream.range(0, NAMES.length).mapToObj(i -> FreePort.find()).toList();
		clusterName = "cw-test-" + Long.toHexString(System.nanoTime());
		for (int i = 0; i < NAMES.length; i++) {
			nodes.add(startNode(i));
		}
		nodes.forEach(ClusterTests::awaitHealthy);
	}

	@AfterAll
	static void stop() {
		nodes.forEach(EmbeddedOpenSearch::close);
		simulator.close();
		try (var paths = Files.walk(parent)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temp folder left behind is harmless.
		}
	}

	@Test
	void aSyncSurvivesALostNodeAndASnapshotRestoresIntoAnEmptyCluster() {
		ClusterHttp cluster = new ClusterHttp(nodes.get(0).uri().toString(), credentials);
		await().atMost(Duration.ofMinutes(2))
			.until(() -> cluster.get("/_cluster/health?wait_for_nodes=3&timeout=5s")
				.path("number_of_nodes")
				.asInt() == 3);
		simulator.faults().latency(Duration.ofMillis(100));
		List<AppProcess> apps = List.of(start("cluster-a"), start("cluster-b"));
		Map<String, Long> synced;
		try {
			await().atMost(Duration.ofMinutes(3))
				.until(() -> !cluster.source(PREFIX + "-sync-state", "conversations").path("cursor").isMissingNode());
			assertThat(cluster.get("/" + PREFIX + "-messages/_settings").findValue("number_of_replicas").asText())
				.isEqualTo("1");

			// The node holding a primary of messages leaves in the middle of the sync.
			int lost = nodeHoldingPrimaryOf(cluster, PREFIX + "-messages");
			nodes.get(lost).close();
			ClusterHttp survivor = new ClusterHttp(nodes.get((lost + 1) % 3).uri().toString(), credentials);
			// A run that failed on the way (the cluster electing a manager, say) also
			// ends
			// the lease, and is retried: what counts is a run that succeeded.
			await().atMost(Duration.ofMinutes(4))
				.until(() -> survivor.source(PREFIX + "-sync-state", "_run").path("lastSuccessAt").isTextual());
			survivor.must("POST", "/" + PREFIX + "-*/_refresh", null);
			ExpectedCounts expected = simulator.workspace().expectedCounts();
			synced = counts(survivor);
			assertThat(synced).as(() -> "counts after the sync; the apps logged:\n" + warnings(apps))
				.containsEntry("conversations", (long) expected.conversations())
				.containsEntry("messages", expected.messages())
				.containsEntry("users", (long) expected.users());

			// Back again: the cluster heals to green and every copy agrees.
			nodes.set(lost, startNode(lost));
			awaitHealthy(nodes.get(lost));
			await().atMost(Duration.ofMinutes(3))
				.until(() -> "green"
					.equals(survivor.get("/_cluster/health/" + PREFIX + "-*?timeout=5s").path("status").asText()));
			for (EmbeddedOpenSearch node : nodes) {
				assertThat(counts(new ClusterHttp(node.uri().toString(), credentials))).isEqualTo(synced);
			}

			// The apps snapshot on their schedule (every 20 s here, the newest 2 kept).
			Instant syncedAt = Instant
				.parse(survivor.source(PREFIX + "-sync-state", "_run").path("lastSuccessAt").asText());
			await().atMost(Duration.ofMinutes(2)).until(() -> snapshotsAfter(survivor, syncedAt).size() >= 2);
			assertThat(survivor.get("/_snapshot/" + REPOSITORY + "/" + PREFIX + "-*").path("snapshots").size())
				.as("older snapshots deleted")
				.isLessThanOrEqualTo(2);
		}
		finally {
			apps.forEach(AppProcess::close);
		}
		ClusterHttp any = new ClusterHttp(nodes.get(0).uri().toString(), credentials);
		String snapshot = snapshotsAfter(any, Instant.EPOCH).get(0);

		// Restore, as docs/scaling.md says, into a cluster emptied of this installation.
		for (JsonNode index : any.get("/_cat/indices/" + PREFIX + "-*?format=json&h=index")) {
			any.must("DELETE", "/" + index.path("index").asText(), null);
		}
		assertThat(any.count(PREFIX + "-messages")).as("nothing left").isEqualTo(-1);
		any.must("POST", "/_snapshot/" + REPOSITORY + "/" + snapshot + "/_restore?wait_for_completion=true",
				"{\"indices\":\"" + PREFIX + "-*\",\"include_aliases\":true}");
		assertThat(counts(any)).isEqualTo(synced);
	}

	/** Successful snapshots of this installation started after a time, newest first. */
	private static List<String> snapshotsAfter(ClusterHttp cluster, Instant after) {
		List<String> names = new ArrayList<>();
		for (JsonNode snapshot : cluster.get("/_snapshot/" + REPOSITORY + "/" + PREFIX + "-*").path("snapshots")) {
			if ("SUCCESS".equals(snapshot.path("state").asText())
					&& Instant.parse(snapshot.path("start_time").asText()).isAfter(after)) {
				names.add(0, snapshot.path("snapshot").asText());
			}
		}
		return names;
	}

	/** What the apps said about the run, for a failure's message. */
	private static String warnings(List<AppProcess> apps) {
		return apps.stream()
			.flatMap(app -> app.output().lines())
			.filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Sync ")
					|| line.contains("Synced ") || line.contains("lease"))
			.collect(Collectors.joining("\n"));
	}

	private static void awaitHealthy(EmbeddedOpenSearch node) {
		try {
			node.awaitHealthy(Duration.ofMinutes(8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static EmbeddedOpenSearch startNode(int i) {
		String seeds = transportPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
		OpenSearchProperties.Embedded settings = new OpenSearchProperties.Embedded("3.6.0",
				"https://repo1.maven.org/maven2", null, parent.resolve(NAMES[i]), 0, "320m", Duration.ofMinutes(8));
		return EmbeddedOpenSearch.startClusterNode(settings, parent.resolve(NAMES[i]), parent.resolve("snapshots"),
				transportPorts.get(i),
				List.of("-Ecluster.name=" + clusterName, "-Enode.name=" + NAMES[i], "-Ediscovery.seed_hosts=" + seeds,
						"-Ecluster.initial_cluster_manager_nodes=" + String.join(",", NAMES)),
				credentials);
	}

	private static AppProcess start(String instance) {
		String uris = nodes.stream().map(node -> node.uri().toString()).collect(Collectors.joining(","));
		return AppProcess.start(instance,
				List.of("--opensearch.uris=" + uris, "--chatwarden.store.index-prefix=" + PREFIX,
						"--chatwarden.store.replicas=1", "--chatwarden.demo.enabled=false",
						"--chatwarden.sync.logs.enabled=false", "--chatwarden.findings.enabled=false",
						"--chatwarden.sync.interval=1h", "--chatwarden.lease.duration=6s",
						"--chatwarden.lease.instance-id=" + instance, "--chatwarden.archive.snapshot.interval=20s",
						"--chatwarden.archive.snapshot.keep=2",
						"--chatwarden.openai.compliance.base-url=" + simulator.complianceBaseUrl(),
						"--chatwarden.openai.compliance.api-key=cluster-test-key",
						"--chatwarden.openai.compliance.workspace-id=" + simulator.workspace().workspaceId(),
						"--chatwarden.openai.compliance.conversation-page-size=10",
						"--chatwarden.openai.compliance.list-calls-per-minute=100000"),
				credentials);
	}

	private static int nodeHoldingPrimaryOf(ClusterHttp cluster, String alias) {
		JsonNode shards = cluster.get("/_cat/shards/" + alias + "?format=json&h=prirep,node");
		for (JsonNode shard : shards) {
			if ("p".equals(shard.path("prirep").asText())) {
				return List.of(NAMES).indexOf(shard.path("node").asText());
			}
		}
		throw new IllegalStateException("No primary of " + alias + ": " + shards);
	}

	private static Map<String, Long> counts(ClusterHttp cluster) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String logical : List.of("conversations", "messages", "users", "gpts", "sync-state")) {
			counts.put(logical, cluster.count(PREFIX + "-" + logical));
		}
		return counts;
	}

}
