package io.chatwarden.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.SharedOpenSearch;
import io.chatwarden.support.SimulatorEndpoints;
import io.chatwarden.support.TestAuthentication;
import io.chatwarden.support.WireRecorder;
import io.chatwarden.sync.SyncService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Search and export through Chatwarden against the same work done by OpenSearch alone,
 * interleaved in one run. The app's OpenSearch requests behind each GraphQL search are
 * recorded on the wire, and the search among them is replayed raw; the export is timed
 * against a raw dump of the same index in {@code _shard_doc} order; a text search is
 * timed against a plain-text tool over the exported NDJSON; and 50 searchers search
 * without pause for 2 minutes ({@code -Dbench.search.load-seconds}), counting errors.
 * Prints one {@code name: value unit} line per figure and checks nothing:
 *
 * <pre>
 * ./mvnw verify -Pbench     (or: ./mvnw test -Dbenchmark.excluded=none -Dtest=SearchBenchmark -Dbench.search.conversations=25000)
 * </pre>
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-bench-search", "chatwarden.sync.enabled=false",
				"chatwarden.demo.enabled=false", "chatwarden.findings.enabled=false", TestAuthentication.PROPERTY,
				"chatwarden.security.requests-per-minute=10000000",
				"chatwarden.openai.compliance.list-calls-per-minute=100000",
				"chatwarden.openai.admin.list-calls-per-minute=100000" })
class SearchBenchmark {

	static final int CONVERSATIONS = Integer.getInteger("bench.search.conversations", 25000);

	static final int ROUNDS = Integer.getInteger("bench.search.rounds", 30);

	static final int EXPORT_ROUNDS = Integer.getInteger("bench.search.export-rounds", 3);

	/** Searchers of the load run, and how long it lasts. */
	static final int LOAD_SEARCHERS = Integer.getInteger("bench.search.load-searchers", 50);

	static final int LOAD_SECONDS = Integer.getInteger("bench.search.load-seconds", 120);

	static final List<String> QUERIES = List.of("invoice", "invoices", "kubernetes pod", "\"copper falcon sonata\"",
			"password", "deploy", "quarterly revenue", "error -python");

	static final ObjectMapper json = new ObjectMapper();

	static final WireRecorder proxy = new WireRecorder(URI.create(SharedOpenSearch.uri()));

	static final SimulatorServer simulator = SimulatorServer.start(new SimulatedWorkspace(
			SimulatorProperties.defaults().withConversations(CONVERSATIONS).withEnforceRateLimits(false),
			Clock.systemUTC()), new SimulatorFaults().shortPages(false));

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("opensearch.uris", proxy::uri);
		SharedOpenSearch.registerCredentials(registry);
		SimulatorEndpoints.compliance(registry, simulator, () -> "bench-key");
		registry.add("chatwarden.openai.admin.base-url", simulator::adminBaseUrl);
		registry.add("chatwarden.openai.admin.api-key", () -> "bench-key");
	}

	@AfterAll
	static void stop() throws IOException {
		simulator.close();
		proxy.close();
	}

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	Indices indices;

	@Test
	void searchAndExportAgainstRawOpenSearch(@Autowired SyncService sync) throws Exception {
		sync.run().block(Duration.ofHours(2));
		long messages = count(this.indices.messages());
		figure("bench.messages", messages, "messages");
		Map<String, List<WireRecorder.Request>> replays = captureSearches();
		for (int concurrency : List.of(1, 8)) {
			compareSearch(replays, concurrency);
		}
		searchUnderLoad();
		Path export = compareExport();
		compareWithPlainText(export);
	}

	private Map<String, List<WireRecorder.Request>> captureSearches() throws Exception {
		Map<String, List<WireRecorder.Request>> replays = new LinkedHashMap<>();
		for (String query : QUERIES) {
			proxy.takeRequests();
			proxy.record(true);
			graphql(query);
			proxy.record(false);
			List<WireRecorder.Request> searches = new ArrayList<>();
			for (WireRecorder.Request request : proxy.takeRequests()) {
				if (request.path().contains("_search") && !request.path().contains("point_in_time")) {
					searches.add(standalone(request));
				}
			}
			replays.put(query, searches);
		}
		return replays;
	}

	/**
	 * The recorded search without its point in time (closed by now): the same query over
	 * the same index.
	 */
	private WireRecorder.Request standalone(WireRecorder.Request request) throws IOException {
		JsonNode body = json.readTree(request.body());
		if (!(body instanceof ObjectNode object) || !object.has("pit")) {
			return request;
		}
		object.remove("pit");
		return new WireRecorder.Request("POST", "/" + this.indices.messages() + "/_search", object.toString());
	}

	private void compareSearch(Map<String, List<WireRecorder.Request>> replays, int concurrency) throws Exception {
		List<Long> app = Collections.synchronizedList(new ArrayList<>());
		List<Long> raw = Collections.synchronizedList(new ArrayList<>());
		List<Callable<Void>> workers = new ArrayList<>();
		for (int worker = 0; worker < concurrency; worker++) {
			int offset = worker;
			workers.add(() -> {
				for (int round = 0; round < ROUNDS; round++) {
					for (int i = 0; i < QUERIES.size(); i++) {
						String query = QUERIES.get((i + offset) % QUERIES.size());
						// Whichever runs second finds the node's caches warm for
						// the same query: each goes first half of the time.
						if ((round + i) % 2 == 0) {
							app.add(time(() -> graphql(query)));
							raw.add(time(() -> replay(replays.get(query))));
						}
						else {
							raw.add(time(() -> replay(replays.get(query))));
							app.add(time(() -> graphql(query)));
						}
					}
				}
				return null;
			});
		}
		try (var pool = Executors.newFixedThreadPool(concurrency)) {
			for (var result : pool.invokeAll(workers)) {
				result.get();
			}
		}
		String suffix = ".c" + concurrency;
		for (int percentile : List.of(50, 95)) {
			double appMs = percentile(app, percentile);
			double rawMs = percentile(raw, percentile);
			figure("search.p" + percentile + suffix + ".app", appMs, "ms");
			figure("search.p" + percentile + suffix + ".raw", rawMs, "ms");
			figure("search.p" + percentile + suffix + ".ratio", appMs / rawMs, "x (target <= 1.25)");
		}
	}

	/**
	 * {@link #LOAD_SEARCHERS} searchers, each searching again as soon as it has its
	 * answer, for {@link #LOAD_SECONDS}: the errors (any failed or refused search) and
	 * the latency percentiles.
	 */
	private void searchUnderLoad() throws Exception {
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicLong errors = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		long end = System.nanoTime() + Duration.ofSeconds(LOAD_SECONDS).toNanos();
		List<Callable<Void>> searchers = new ArrayList<>();
		for (int searcher = 0; searcher < LOAD_SEARCHERS; searcher++) {
			int offset = searcher;
			searchers.add(() -> {
				for (int i = offset; System.nanoTime() < end; i++) {
					String query = QUERIES.get(i % QUERIES.size());
					long start = System.nanoTime();
					try {
						graphql(query);
						latencies.add(System.nanoTime() - start);
					}
					catch (Exception ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex.toString());
					}
				}
				return null;
			});
		}
		try (var pool = Executors.newFixedThreadPool(LOAD_SEARCHERS)) {
			for (var result : pool.invokeAll(searchers)) {
				result.get();
			}
		}
		String name = "search_concurrency" + LOAD_SEARCHERS;
		count(name + "_seconds", LOAD_SECONDS, "s");
		count(name + "_errors", errors.get(), "count");
		count(name + "_searches", latencies.size(), "count");
		figure(name + "_throughput", latencies.size() / (double) LOAD_SECONDS, "searches/s");
		if (!latencies.isEmpty()) {
			for (int percentile : List.of(50, 95, 99)) {
				figure(name + "_p" + percentile, percentile(latencies, percentile), "ms");
			}
		}
		if (firstError.get() != null) {
			System.out.println(name + "_first_error: " + firstError.get());
		}
	}

	/**
	 * {@link #EXPORT_ROUNDS} exports and raw dumps, interleaved; the medians. The first
	 * export runs on a cold JIT and a cold cluster cache, which the raw dump after it
	 * then finds warm: it is printed apart ({@code export.app.first}), and a single round
	 * is not a fair comparison.
	 */
	private Path compareExport() throws Exception {
		Path file = Files.createTempFile("chatwarden-export-", ".ndjson");
		List<Long> app = new ArrayList<>();
		List<Long> raw = new ArrayList<>();
		long[] rows = new long[1];
		SyncBenchmark.Cpu appCpu = null;
		SyncBenchmark.Cpu rawCpu = null;
		for (int round = 0; round < EXPORT_ROUNDS; round++) {
			SyncBenchmark.Cpu before = SyncBenchmark.Cpu.now();
			app.add(time(() -> {
				HttpRequest request = HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/export/search?query=&format=ndjson"))
					.header("Authorization", "Bearer " + TestAuthentication.ADMIN_TOKEN)
					.build();
				this.http.send(request, HttpResponse.BodyHandlers.ofFile(file));
			}));
			SyncBenchmark.Cpu between = SyncBenchmark.Cpu.now();
			raw.add(time(() -> rows[0] = rawDump()));
			appCpu = between.minus(before);
			rawCpu = SyncBenchmark.Cpu.now().minus(between);
		}
		double appSeconds = percentile(app, 50) / 1e3;
		double rawSeconds = percentile(raw, 50) / 1e3;
		figure("export.app.first", app.get(0) / 1e9, "s (cold)");
		figure("export.app", appSeconds, "s (median of " + EXPORT_ROUNDS + ")");
		figure("export.raw", rawSeconds,
				"s (median of " + EXPORT_ROUNDS + ", " + rows[0] + " documents, _shard_doc order)");
		figure("export.ratio", appSeconds / rawSeconds, "x (target <= 1.25)");
		// CPU seconds of the last round: the node (os) and this JVM (app: the app's
		// export and the client reading it; raw: the client reading the dump).
		System.out.println("export.app.cpu: " + appCpu);
		System.out.println("export.raw.cpu: " + rawCpu);
		figure("export.bytes", Files.size(file), "bytes");
		return file;
	}

	/** Every message document, read in index order through a point in time. */
	private long rawDump() throws Exception {
		JsonNode pit = send("POST", "/" + this.indices.messages() + "/_search/point_in_time?keep_alive=2m", null);
		String pitId = pit.path("pit_id").asText();
		long rows = 0;
		JsonNode after = null;
		while (true) {
			ObjectNode body = json.createObjectNode();
			body.put("size", 10000);
			body.putObject("pit").put("id", pitId).put("keep_alive", "2m");
			body.putArray("sort").addObject().put("_shard_doc", "asc");
			if (after != null) {
				body.set("search_after", after);
			}
			JsonNode hits = send("POST", "/_search", body.toString()).path("hits").path("hits");
			if (hits.isEmpty()) {
				break;
			}
			rows += hits.size();
			after = hits.get(hits.size() - 1).path("sort");
		}
		send("DELETE", "/_search/point_in_time", "{\"pit_id\":[\"" + pitId + "\"]}");
		return rows;
	}

	private void compareWithPlainText(Path export) throws Exception {
		String tool = Files.isExecutable(Path.of("/usr/bin/rg")) ? "rg" : "grep";
		List<Long> search = new ArrayList<>();
		List<Long> text = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			search.add(time(() -> graphql("invoice")));
			text.add(time(
					() -> new ProcessBuilder(tool, "-c", "-i", "invoice", export.toString()).redirectErrorStream(true)
						.start()
						.waitFor()));
		}
		double searchMs = percentile(search, 50);
		double textMs = percentile(text, 50);
		figure("plaintext.search.p50", searchMs, "ms");
		figure("plaintext." + tool + ".p50", textMs, "ms over " + Files.size(export) + " bytes");
		figure("plaintext.speedup", textMs / searchMs, "x faster than " + tool + " (target >= 100 at 10 M messages)");
		Files.deleteIfExists(export);
	}

	private void graphql(String query) throws IOException, InterruptedException {
		String document = "query($q: String!) { searchConversations(query: $q, first: 20) { totalCount "
				+ "edges { highlights node { id title userEmail lastActiveAt } } pageInfo { hasNextPage endCursor } } }";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/graphql"))
			.header("Authorization", "Bearer " + TestAuthentication.ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString(json.writeValueAsString(Map.of("query", document, "variables", Map.of("q", query)))))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
			throw new IllegalStateException("Search failed: " + response.body());
		}
	}

	private void replay(List<WireRecorder.Request> requests) throws IOException, InterruptedException {
		for (WireRecorder.Request request : requests) {
			send(request.method(), request.path(), request.body());
		}
	}

	private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest request = SharedOpenSearch.authorize(HttpRequest.newBuilder(URI.create(proxy.uri() + path)))
			.header("Content-Type", "application/json")
			.method(method,
					body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream in = response.body()) {
			JsonNode answer = json.readTree(in);
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(method + " " + path + ": " + answer);
			}
			return answer;
		}
	}

	private long count(String index) throws Exception {
		send("POST", "/" + index + "/_refresh", null);
		return send("GET", "/" + index + "/_count", null).path("count").asLong();
	}

	private static long time(Work work) throws Exception {
		long start = System.nanoTime();
		work.run();
		return System.nanoTime() - start;
	}

	private static double percentile(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	private static void figure(String name, double value, String unit) {
		System.out.println(String.format(Locale.ROOT, "%s: %.2f %s", name, value, unit));
	}

	private static void count(String name, long value, String unit) {
		System.out.println(String.format(Locale.ROOT, "%s: %d %s", name, value, unit));
	}

	@FunctionalInterface
	interface Work {

		void run() throws Exception;

	}

}
