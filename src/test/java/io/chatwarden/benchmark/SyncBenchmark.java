package io.chatwarden.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;

import io.chatwarden.ChatwardenApplication;
import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.support.SharedOpenSearch;
import io.chatwarden.sync.SyncService;
import io.chatwarden.sync.SyncStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest throughput of both conversation paths next to a raw {@code _bulk} load of the
 * same documents, in one run, with the app's heap. Run on purpose:
 * {@code ./mvnw -o test -Dbenchmark.excluded=none -Dtest=SyncBenchmark -Dbench.conversations=125000}
 * (about a million messages; the default is a smoke size). Each path runs the real app
 * (its own context, in this JVM) against the shared OpenSearch and a simulator: the
 * stateful path against the 2025 API ({@code conversation-source=stateful}), the logs
 * path against today's API ({@code auto}: 410, then {@code /logs}). The raw load then
 * sends the documents the logs path wrote, read back and written to files first, with the
 * same request size and concurrency, into fresh indices of the same mappings. Prints
 * figures; asserts only that each copy is complete.
 */
@Tag("benchmark")
class SyncBenchmark {

	static final int CONVERSATIONS = Integer.getInteger("bench.conversations", 5000);

	static final int BULK = 1000;

	/** Which paths to run ({@code stateful,logs}); the raw load always runs. */
	static final List<String> PATHS = List.of(System.getProperty("bench.paths", "stateful,logs").split(","));

	/**
	 * Extra application arguments for both paths, separated by spaces (for experiments).
	 */
	static final String APP_ARGS = System.getProperty("bench.app-args", "");

	/**
	 * Rounds of all loads; figures are the last round's, and each ratio's median over the
	 * rounds after the first.
	 */
	static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	static final int IN_FLIGHT = 2;

	static final String KEY = "bench-key";

	static final JsonMapper json = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newHttpClient();

	/**
	 * Each path's ratio to raw per round after the first (which warms the node and JIT).
	 */
	final Map<String, List<Double>> warmRatios = new TreeMap<>();

	@Test
	void bothPathsNextToRawBulk() throws Exception {
		String node = SharedOpenSearch.uri();
		// Interleaved rounds: the first also warms the node (its JIT compiles the
		// indexing
		// code on the first load, which would be charged to whichever load came first).
		for (int round = 1; round <= ROUNDS; round++) {
			round(node, round);
		}
	}

	private void round(String node, int round) throws Exception {
		List<Result> paths = new ArrayList<>();
		if (PATHS.contains("stateful")) {
			paths.add(path(node, "stateful", true, "stateful"));
		}
		// The raw load copies what the logs path wrote: it always runs.
		Result logs = path(node, "logs", false, "auto");
		if (PATHS.contains("logs")) {
			paths.add(logs);
		}
		Path dir = Files.createTempDirectory("cw-bench-raw");
		try {
			int files = export(node, "cw-bench-logs-messages", dir, "m")
					+ export(node, "cw-bench-logs-conversations", dir, "c");
			Result raw = rawBulk(node, dir, files, logs.messages());
			System.out.printf("%nIngest benchmark, round %d of %d: %d conversations, %d messages (+%d conversation"
					+ " documents)%n", round, ROUNDS, CONVERSATIONS, logs.messages(), logs.conversations());
			System.out.printf("  %-28s %8.1f s %10.0f messages/s              CPU s: %s%n",
					"raw _bulk (same documents)", raw.seconds(), raw.rate(), raw.cpu());
			for (Result r : paths) {
				System.out.printf(
						"  %-28s %8.1f s %10.0f messages/s  %.2f of raw  CPU s: %s  heap: live max %d MB, peak %d MB%n",
						r.name() + " path", r.seconds(), r.rate(), r.rate() / raw.rate(), r.cpu(), r.liveHeapMb(),
						r.peakHeapMb());
			}
			System.out
				.printf("  CPU s: seconds of CPU used during the run by the OpenSearch node (os), the simulator's%n"
						+ "  event loops (sim: generating and serving the workspace) and the rest of this JVM (app);%n"
						+ "  on %d cores the sum bounds how fast a run can be.%n",
						Runtime.getRuntime().availableProcessors());
			System.out.printf("  JVM max heap %d MB; heap figures include the in-process simulator%n%n",
					Runtime.getRuntime().maxMemory() >> 20);
			for (Result r : paths) {
				if (round > 1 || ROUNDS == 1) {
					this.warmRatios.computeIfAbsent(r.name(), (name) -> new ArrayList<>()).add(r.rate() / raw.rate());
				}
			}
			if (round < ROUNDS) {
				return;
			}
			for (Result r : paths) {
				System.out.printf("ingest_%s_messages_per_second: %.0f messages/s%n", r.name(), r.rate());
				System.out.printf("ingest_%s_ratio_to_raw: %.2f ratio (target >= 0.8%s)%n", r.name(),
						r.rate() / raw.rate(), (r.rate() / raw.rate() >= 0.8) ? ", met" : ", missed");
				System.out.printf("ingest_%s_node_cpu: %.1f s (raw: %.1f s)%n", r.name(), r.cpu().node(),
						raw.cpu().node());
				System.out.printf("ingest_%s_live_heap_max: %d MB (target <= 256%s)%n", r.name(), r.liveHeapMb(),
						(r.liveHeapMb() <= 256) ? ", met" : ", missed");
			}
			System.out.printf("ingest_raw_messages_per_second: %.0f messages/s%n", raw.rate());
			// One round on a shared VM says little: the median of the warm rounds says
			// more.
			this.warmRatios.forEach((name, ratios) -> {
				double median = median(ratios);
				System.out.printf(
						"ingest_%s_ratio_to_raw_median: %.2f ratio over %d warm round(s) %s (target >= 0.8%s)%n", name,
						median, ratios.size(), ratios.stream().map((r) -> String.format("%.2f", r)).toList(),
						(median >= 0.8) ? ", met" : ", missed");
			});
		}
		finally {
			try (var tree = Files.walk(dir)) {
				tree.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

	private Result path(String node, String name, boolean statefulServer, String source) throws Exception {
		SimulatorServer simulator = SimulatorServer.start(
				new SimulatedWorkspace(SimulatorProperties.defaults()
					.withConversations(CONVERSATIONS)
					.withEnforceRateLimits(false)
					.withStatefulConversations(statefulServer), Clock.systemUTC()),
				new SimulatorFaults().shortPages(false));
		String prefix = "cw-bench-" + name;
		delete(node, prefix + "-*");
		List<String> arguments = new ArrayList<>(SharedOpenSearch.credentialArguments());
		arguments.addAll(List.of("--server.port=0", "--opensearch.uris=" + node,
				"--chatwarden.store.index-prefix=" + prefix, "--chatwarden.sync.enabled=false",
				"--chatwarden.demo.enabled=false", "--chatwarden.findings.enabled=false",
				"--chatwarden.sync.conversation-source=" + source, "--chatwarden.sync.logs.enabled=" + !statefulServer,
				"--chatwarden.sync.logs.event-types=CONVERSATION_MESSAGE",
				"--chatwarden.openai.compliance.base-url=" + simulator.complianceBaseUrl(),
				"--chatwarden.openai.compliance.api-key=" + KEY,
				"--chatwarden.openai.compliance.workspace-id=" + simulator.workspace().workspaceId(),
				"--chatwarden.openai.compliance.conversation-page-size=200",
				"--chatwarden.openai.compliance.list-calls-per-minute=100000",
				"--chatwarden.store.bulk-batch-size=" + BULK));
		if (!APP_ARGS.isBlank()) {
			arguments.addAll(List.of(APP_ARGS.trim().split("\\s+")));
		}
		ConfigurableApplicationContext app = new SpringApplicationBuilder(ChatwardenApplication.class)
			.run(arguments.toArray(String[]::new));
		try {
			ExpectedCounts expected = simulator.workspace().expectedCounts();
			SyncService sync = app.getBean(SyncService.class);
			if (!statefulServer) {
				storeLogFiles(simulator);
			}
			awaitNoMerges(node);
			System.gc();
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			Cpu before = Cpu.now();
			JsonNode work = nodeWork(node);
			long start = System.nanoTime();
			SyncStatus status = sync.run().block(Duration.ofHours(3));
			double seconds = (System.nanoTime() - start) / 1e9;
			Cpu used = Cpu.now().minus(before);
			System.out.printf("%s path, the node's work: %s%n", name, workSince(node, work));
			long peak = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP)
				.mapToLong((pool) -> pool.getPeakUsage().getUsed())
				.sum();
			long live = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
				.mapToLong((pool) -> pool.getCollectionUsage().getUsed())
				.sum();
			assertThat(status.lastError()).isNull();
			assertThat(count(node, prefix + "-messages")).isEqualTo(expected.messages());
			assertThat(count(node, prefix + "-conversations")).isEqualTo(expected.conversations());
			System.out.printf("%s path: %d messages in %.1f s (%d GCs so far)%n", name, expected.messages(), seconds,
					ManagementFactory.getGarbageCollectorMXBeans()
						.stream()
						.mapToLong(GarbageCollectorMXBean::getCollectionCount)
						.sum());
			return new Result(name, seconds, expected.messages(), expected.conversations(), live >> 20, peak >> 20,
					used);
		}
		finally {
			app.close();
			simulator.close();
		}
	}

	/**
	 * Lists every message file once before the timed window, so that the simulator
	 * generates and stores them then: on the real platform the files are in storage
	 * before anyone lists them, and making them is the platform's work, not the path's.
	 */
	private void storeLogFiles(SimulatorServer simulator) throws Exception {
		String after = "2000-01-01T00:00:00Z";
		boolean more = true;
		while (more) {
			URI page = URI.create(simulator.complianceBaseUrl() + "/compliance/workspaces/"
					+ simulator.workspace().workspaceId() + "/logs?event_type=CONVERSATION_MESSAGE&limit=100&after="
					+ URLEncoder.encode(after, StandardCharsets.UTF_8));
			HttpResponse<String> answer = this.http.send(
					HttpRequest.newBuilder(page).header("Authorization", "Bearer " + KEY).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).isEqualTo(200);
			JsonNode listing = json.readTree(answer.body());
			more = listing.path("has_more").asBoolean();
			after = listing.path("last_end_time").asString();
		}
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	/** Writes an index's documents as {@code _bulk} bodies, one file per request. */
	private int export(String node, String index, Path dir, String tag) throws Exception {
		String target = index.replace("cw-bench-logs", "cw-bench-raw");
		int files = 0;
		JsonNode after = null;
		while (true) {
			ObjectNode query = json.createObjectNode().put("size", BULK);
			query.putArray("sort").addObject().put("id", "asc");
			if (after != null) {
				query.set("search_after", after);
			}
			JsonNode hits = json.readTree(send(node, "POST", "/" + index + "/_search", query.toString()))
				.path("hits")
				.path("hits");
			if (hits.isEmpty()) {
				return files;
			}
			StringBuilder body = new StringBuilder();
			for (JsonNode hit : hits) {
				body.append("{\"index\":{\"_index\":\"")
					.append(target)
					.append("\",\"_id\":")
					.append(hit.get("_id"))
					.append("}}\n")
					.append(hit.get("_source"))
					.append('\n');
				after = hit.get("sort");
			}
			Files.writeString(dir.resolve(tag + "-" + files++ + ".ndjson"), body);
		}
	}

	private Result rawBulk(String node, Path dir, int files, long messages) throws Exception {
		for (String logical : List.of("messages", "conversations")) {
			String target = "cw-bench-raw-" + logical;
			delete(node, target);
			JsonNode definition = json.readTree(Path.of("index-mappings", logical + ".json").toFile());
			ObjectNode body = json.createObjectNode();
			body.set("settings", definition.get("settings"));
			body.set("mappings", definition.get("mappings"));
			send(node, "PUT", "/" + target, body.toString());
		}
		List<Path> bodies;
		try (var list = Files.list(dir)) {
			bodies = list.sorted().toList();
		}
		assertThat(bodies).hasSize(files);
		ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
		awaitNoMerges(node);
		Cpu before = Cpu.now();
		JsonNode work = nodeWork(node);
		long start = System.nanoTime();
		try {
			List<Future<String>> sent = new ArrayList<>();
			for (Path file : bodies) {
				sent.add(pool.submit(() -> send(node, "POST", "/_bulk", Files.readString(file))));
			}
			for (Future<String> answer : sent) {
				assertThat(json.readTree(answer.get()).path("errors").asBoolean()).isFalse();
			}
		}
		finally {
			pool.shutdown();
		}
		// Searchable at the end, as a sync run's closing refresh makes its documents.
		send(node, "POST", "/cw-bench-raw-*/_refresh", "");
		double seconds = (System.nanoTime() - start) / 1e9;
		Cpu used = Cpu.now().minus(before);
		System.out.printf("raw load, the node's work: %s%n", workSince(node, work));
		assertThat(count(node, "cw-bench-raw-messages")).isEqualTo(messages);
		return new Result("raw", seconds, messages, 0, 0, 0, used);
	}

	/**
	 * Waits until the node merges nothing: a load's window then holds no merging left
	 * over from the load before it (the node merges for a while after a load ends).
	 */
	private void awaitNoMerges(String node) {
		Awaitility.await()
			.atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> nodeWork(node).path("indices").path("merges").path("current").asLong() == 0);
	}

	private long count(String node, String index) throws Exception {
		send(node, "POST", "/" + index + "/_refresh", "");
		return json.readTree(send(node, "GET", "/" + index + "/_count", null)).path("count").asLong();
	}

	private void delete(String node, String pattern) throws Exception {
		send(node, "DELETE", "/" + pattern + "?ignore_unavailable=true&allow_no_indices=true", null);
	}

	/**
	 * The node's cumulative counters: indexing, write tasks (one per shard of a bulk
	 * request), gets, refreshes, merges, searches.
	 */
	private JsonNode nodeWork(String node) throws Exception {
		return json.readTree(send(node, "GET", "/_nodes/_local/stats/indices,thread_pool", null))
			.path("nodes")
			.values()
			.iterator()
			.next();
	}

	/** What the node did since an earlier {@link #nodeWork}, as one line. */
	private String workSince(String node, JsonNode before) throws Exception {
		JsonNode now = nodeWork(node);
		StringBuilder line = new StringBuilder();
		for (String counter : List.of("indices/indexing/index_total", "indices/indexing/index_time_in_millis",
				"thread_pool/write/completed", "indices/get/total", "indices/refresh/total", "indices/merges/total",
				"indices/merges/total_time_in_millis", "indices/search/query_total",
				"indices/search/query_time_in_millis")) {
			String[] at = counter.split("/");
			long delta = now.path(at[0]).path(at[1]).path(at[2]).asLong()
					- before.path(at[0]).path(at[1]).path(at[2]).asLong();
			line.append(at[1]).append('.').append(at[2]).append('=').append(delta).append(' ');
		}
		return line.toString().trim();
	}

	private String send(String node, String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = SharedOpenSearch.authorize(HttpRequest.newBuilder(URI.create(node + path)))
			.header("Content-Type", path.endsWith("_bulk") ? "application/x-ndjson" : "application/json")
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	/** One load's figures. */
	record Result(String name, double seconds, long messages, long conversations, long liveHeapMb, long peakHeapMb,
			Cpu cpu) {

		double rate() {
			return this.messages / this.seconds;
		}

	}

	/**
	 * CPU seconds used so far by the OpenSearch node started by this JVM, by the
	 * simulator's event loops and by the rest of this JVM.
	 */
	record Cpu(double node, double simulator, double app) {

		static Cpu now() {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			double simulator = 0;
			for (ThreadInfo thread : threads.dumpAllThreads(false, false)) {
				if (thread.getThreadName().startsWith("simulator")) {
					simulator += Math.max(0, threads.getThreadCpuTime(thread.getThreadId())) / 1e9;
				}
			}
			double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime() / 1e9;
			double node = ProcessHandle.current()
				.descendants()
				.filter((p) -> p.info().commandLine().orElse("").contains("opensearch"))
				.mapToDouble((p) -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L) / 1e3)
				.sum();
			return new Cpu(node, simulator, jvm - simulator);
		}

		Cpu minus(Cpu earlier) {
			return new Cpu(this.node - earlier.node, this.simulator - earlier.simulator, this.app - earlier.app);
		}

		@Override
		public String toString() {
			return String.format("os %.1f, sim %.1f, app %.1f", this.node, this.simulator, this.app);
		}

	}

}
