package io.chatwarden.findings;

import io.chatwarden.support.SimulatorEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import io.chatwarden.simulator.PlantedSecret;
import io.chatwarden.simulator.PlantedSecret.Kind;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.store.RawRequests;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.TestAuthentication;
import org.springframework.context.annotation.Import;
import io.chatwarden.sync.SyncService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings end to end: the simulator synced into a real OpenSearch, evaluated, and read
 * through GraphQL. The seeded workspace has positives and near-misses for every type.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
				"chatwarden.openai.compliance.list-calls-per-minute=100000",
				"chatwarden.openai.admin.list-calls-per-minute=100000", "chatwarden.sync.safety-margin=0s",
				"chatwarden.findings.interval=1h", "chatwarden.dlp.salt=findings-test-salt",
				"chatwarden.findings.webhook.secret=" + FindingsIntegrationTests.WEBHOOK_SECRET,
				"chatwarden.findings.webhook.min-backoff=20ms", TestAuthentication.PROPERTY })
@AutoConfigureHttpGraphQlTester
@Import(TestAuthentication.class)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FindingsIntegrationTests extends OpenSearchTest {

	static final String PREFIX = "cw-findings-" + Long.toHexString(System.nanoTime());

	static final String WEBHOOK_SECRET = "whsec-findings-test-0123456789";

	static final String API_KEY = "sk-proj-FindingsTestKeyT3BlbkFJ0123456789abcdef";

	static final SimulatorServer simulator = SimulatorServer.start(
			new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(120).withEnforceRateLimits(false),
					Clock.systemUTC()),
			new SimulatorFaults());

	static final WebhookReceiver receiver = new WebhookReceiver(1);

	static boolean synced;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		// Exact counts (findings, audit entries): fresh indices even on a node kept
		// between runs.
		registry.add("chatwarden.store.index-prefix", () -> PREFIX);
		SimulatorEndpoints.compliance(registry, simulator, () -> API_KEY);
		registry.add("chatwarden.openai.admin.base-url", simulator::adminBaseUrl);
		registry.add("chatwarden.openai.admin.api-key", () -> API_KEY);
		registry.add("chatwarden.findings.webhook.url", receiver::url);
	}

	@AfterAll
	static void stop() {
		simulator.close();
		receiver.close();
	}

	@Autowired
	SyncService sync;

	@Autowired
	FindingScheduler scheduler;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@Autowired
	RawRequests raw;

	@Autowired
	HttpGraphQlTester graphQl;

	final List<PlantedSecret> planted = simulator.workspace().plantedSecrets();

	@BeforeEach
	void syncOnce() {
		if (!synced) {
			// Start from an empty copy: earlier runs generated other conversation ids.
			new io.chatwarden.support.IndexCounts(this.client, this.indices).clear(Indices.CONVERSATIONS,
					Indices.MESSAGES, Indices.USERS, Indices.GPTS, Indices.ADMIN_KEYS, Indices.PROJECTS,
					Indices.PROJECT_KEYS, Indices.ORG_USERS, Indices.INVITES, Indices.SYNC_STATE, Indices.DEAD_LETTERS,
					FindingStore.INDEX, TypeSettingsStore.INDEX);
			this.sync.run().block(Duration.ofMinutes(3));
			this.scheduler.evaluate().block(Duration.ofMinutes(1));
			synced = true;
		}
	}

	@Test
	@Order(1)
	void shouldFindExactlyTheExpectedFindingsTypeByType() {
		Expectations expectations = new Expectations(this.client, this.indices);
		Map<String, Set<String>> expected = new TreeMap<>(expectations.expected(this.planted));
		Map<String, Set<String>> actual = openFindings();
		Set<String> reused = actual.remove("secret-reused");
		// The event types have their own positives and near-misses
		// (EventFindingsIntegrationTests).
		EventTypes.ALL.forEach(type -> actual.remove(type.id()));
		assertThat(actual).isEqualTo(expected);
		// Every posture type has positives here, and the near-misses stay out.
		assertThat(actual.keySet()).containsAll(
				PostureTypes.ALL.stream().map(FindingType::id).filter(id -> !id.equals("secret-reused")).toList());
		assertThat(reused).hasSize(1);
		FindingDocument secret = findingsOf("secret-reused").get(0);
		assertThat(Set.copyOf(secret.conversationIds()))
			.isEqualTo(expectations.conversationsOf(Kind.OPENAI_KEY, this.planted))
			.hasSize(2);
		assertNearMisses(expectations, actual);
	}

	private void assertNearMisses(Expectations expectations, Map<String, Set<String>> actual) {
		var keys = expectations.all(Indices.ADMIN_KEYS, io.chatwarden.directory.AdminKeyDocument.class);
		var used29 = keys.stream()
			.filter(k -> k.lastUsedAt() != null && Math.abs(daysAgo(k.lastUsedAt()) - 29) < 0.5)
			.findFirst()
			.orElseThrow();
		var used31 = keys.stream()
			.filter(k -> k.lastUsedAt() != null && Math.abs(daysAgo(k.lastUsedAt()) - 31) < 0.5)
			.findFirst()
			.orElseThrow();
		assertThat(actual.get("admin-key-unused")).doesNotContain(used29.id()).contains(used31.id());
		var expiredPending = expectations.all(Indices.INVITES, io.chatwarden.directory.InviteDocument.class)
			.stream()
			.filter(i -> "pending".equals(i.status()) && i.expiresAt() != null && i.expiresAt().isBefore(Instant.now())
					&& !expectations.olderThan(i.createdAt(), 10))
			.findFirst()
			.orElseThrow();
		assertThat(actual.get("invite-stale")).contains(expiredPending.id());
		Set<String> dlpConversations = new TreeSet<>();
		actual.entrySet()
			.stream()
			.filter(e -> e.getKey().startsWith("dlp-"))
			.forEach(e -> dlpConversations.addAll(e.getValue()));
		for (Kind nearMiss : List.of(Kind.AWS_EXAMPLE_KEY, Kind.CARD_INVALID, Kind.SSN_INVALID, Kind.IBAN_INVALID)) {
			assertThat(dlpConversations)
				.doesNotContainAnyElementsOf(expectations.conversationsOf(nearMiss, this.planted));
		}
	}

	@Test
	@Order(2)
	void shouldPivotToExactlyTheConversationsBehindAFinding() {
		String aws = this.planted.stream()
			.filter(p -> p.kind() == Kind.AWS_ACCESS_KEY)
			.findFirst()
			.orElseThrow()
			.conversationId();
		FindingDocument dlp = findingsOf("dlp-aws-access-key").get(0);
		// language=GraphQL
		String document = """
				query($id: ID!) { finding(id: $id) { typeId type { name severity remediation }
				  relatedConversations(first: 50) { totalCount edges { node { id } } }
				  matchingMessages(first: 10) { totalCount edges { node { id text dlp { detector masked hash count } } } } } }
				""";
		var response = this.graphQl.document(document).variable("id", dlp.id()).execute();
		response.path("finding.type.severity").entity(String.class).isEqualTo("CRITICAL");
		response.path("finding.relatedConversations.edges[*].node.id").entityList(String.class).containsExactly(aws);
		response.path("finding.matchingMessages.totalCount").entity(Integer.class).isEqualTo(1);
		response.path("finding.matchingMessages.edges[0].node.dlp[0].detector")
			.entity(String.class)
			.isEqualTo("aws-access-key");
		FindingDocument reused = findingsOf("secret-reused").get(0);
		List<String> reusedConversations = this.graphQl.document(document)
			.variable("id", reused.id())
			.execute()
			.path("finding.relatedConversations.edges[*].node.id")
			.entityList(String.class)
			.get();
		assertThat(reusedConversations).containsExactlyInAnyOrderElementsOf(
				new Expectations(this.client, this.indices).conversationsOf(Kind.OPENAI_KEY, this.planted));
		FindingDocument gpt = findingsOf("gpt-custom-actions").get(0);
		long gptConversations = new Expectations(this.client, this.indices)
			.all(Indices.CONVERSATIONS, io.chatwarden.conversation.ConversationDocument.class)
			.stream()
			.filter(c -> c.gptIds().contains(gpt.resourceId()))
			.count();
		this.graphQl.document(document)
			.variable("id", gpt.id())
			.execute()
			.path("finding.relatedConversations.totalCount")
			.entity(Long.class)
			.isEqualTo(gptConversations);
		FindingDocument key = findingsOf("admin-key-unused").get(0);
		this.graphQl.document(document)
			.variable("id", key.id())
			.execute()
			.path("finding.relatedConversations.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	@Order(3)
	void shouldResolveWhenTheGptDropsTheToolAndKeepAMutedOneMuted() {
		FindingDocument codeInterpreter = findingsOf("gpt-code-interpreter").stream()
			.filter(f -> findingsOf("gpt-web-browsing").stream().anyMatch(b -> b.resourceId().equals(f.resourceId())))
			.findFirst()
			.orElseThrow();
		String gptId = codeInterpreter.resourceId();
		String browsingId = Observation.id("gpt-web-browsing", "gpt", gptId);
		// language=GraphQL
		String mute = """
				mutation($id: ID!) { setFindingStatus(input: {id: $id, status: MUTED, reason: "Approved by CISO", by: "ana@acme.example"}) { status mutedBy muteReason } }
				""";
		this.graphQl.document(mute)
			.variable("id", browsingId)
			.execute()
			.path("setFindingStatus.status")
			.entity(String.class)
			.isEqualTo("MUTED");
		// One audit entry for the one status change.
		assertThat(
				new io.chatwarden.support.IndexCounts(this.client, this.indices).count("audit",
						org.opensearch.client.opensearch._types.query_dsl.Query.of(q -> q.bool(b -> b
							.filter(f -> f.term(t -> t.field("action").value(v -> v.stringValue("finding.status"))))
							.filter(f -> f.term(t -> t.field("target").value(v -> v.stringValue(browsingId))))))))
			.isEqualTo(1);
		List<String> before = this.graphQl.document("query($id: ID!) { gpt(id: $id) { tools } }")
			.variable("id", gptId)
			.execute()
			.path("gpt.tools")
			.entityList(String.class)
			.get();
		simulator.workspace()
			.setGptTools(gptId,
					before.stream().filter(t -> !t.equals("code_interpreter") && !t.equals("browser")).toList());
		this.sync.run().block(Duration.ofMinutes(3));
		this.scheduler.evaluate().block(Duration.ofMinutes(1));
		assertThat(finding(codeInterpreter.id()).status()).isEqualTo(FindingStatus.RESOLVED);
		FindingDocument muted = finding(browsingId);
		assertThat(muted.status()).isEqualTo(FindingStatus.MUTED);
		// The authenticated caller is recorded, whatever the request says.
		assertThat(muted.mutedBy()).isEqualTo("bootstrap-admin");
		simulator.workspace().setGptTools(gptId, before);
		this.sync.run().block(Duration.ofMinutes(3));
		this.scheduler.evaluate().block(Duration.ofMinutes(1));
		FindingDocument reopened = finding(codeInterpreter.id());
		assertThat(reopened.status()).isEqualTo(FindingStatus.OPEN);
		assertThat(reopened.firstSeenAt()).isEqualTo(codeInterpreter.firstSeenAt());
		assertThat(reopened.occurrences()).isGreaterThan(codeInterpreter.occurrences());
		assertThat(finding(browsingId).status()).isEqualTo(FindingStatus.MUTED);
	}

	@Test
	@Order(4)
	void shouldAnswerTypedErrorsAndCounts() {
		this.graphQl.document(
				"mutation { setFindingStatus(input: {id: \"f-nope\", status: MUTED, reason: \"r\", by: \"b\"}) { id } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.NOT_FOUND)));
		String anyId = findingsOf("invite-stale").get(0).id();
		this.graphQl.document("mutation($id: ID!) { setFindingStatus(input: {id: $id, status: MUTED}) { id } }")
			.variable("id", anyId)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST)));
		long total = this.graphQl
			.document("{ findingCounts { total bySeverity { severity count } byType { typeId count } } }")
			.execute()
			.path("findingCounts.total")
			.entity(Long.class)
			.get();
		this.graphQl.document("{ findings(first: 100) { totalCount edges { node { severity } } } }")
			.execute()
			.path("findings.totalCount")
			.entity(Long.class)
			.isEqualTo(total);
		List<String> severities = this.graphQl.document("{ findings(first: 100) { edges { node { severity } } } }")
			.execute()
			.path("findings.edges[*].node.severity")
			.entityList(String.class)
			.get();
		List<String> sorted = severities.stream()
			.sorted((a, b) -> Severity.valueOf(b).compareTo(Severity.valueOf(a)))
			.toList();
		assertThat(severities).isEqualTo(sorted);
	}

	@Test
	@Order(5)
	void shouldOverrideASeverityAndIgnoreAType() {
		// language=GraphQL
		String set = """
				mutation($type: ID!, $severity: Severity, $ignored: Boolean) {
				  setFindingTypeSettings(input: {typeId: $type, severity: $severity, ignored: $ignored, by: "test"}) { id severity defaultSeverity ignored } }
				""";
		this.graphQl.document(set)
			.variable("type", "invite-stale")
			.variable("severity", "HIGH")
			.execute()
			.path("setFindingTypeSettings.severity")
			.entity(String.class)
			.isEqualTo("HIGH");
		this.scheduler.evaluate().block(Duration.ofMinutes(1));
		assertThat(findingsOf("invite-stale")).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
		this.graphQl.document(set)
			.variable("type", "invite-stale")
			.variable("severity", null)
			.execute()
			.path("setFindingTypeSettings.severity")
			.entity(String.class)
			.isEqualTo("LOW");
		this.graphQl.document(set)
			.variable("type", "dlp-phone")
			.variable("ignored", true)
			.execute()
			.path("setFindingTypeSettings.ignored")
			.entity(Boolean.class)
			.isEqualTo(true);
		Evaluation evaluation = this.scheduler.evaluate().block(Duration.ofMinutes(1));
		assertThat(evaluation.failedRules()).isEmpty();
		assertThat(findingsOf("invite-stale")).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
		this.graphQl.document(set).variable("type", "dlp-phone").variable("ignored", false).execute();
	}

	@Test
	@Order(6)
	void shouldPostSignedAlertsForNewHighFindingsAndRetry(CapturedOutput output) {
		awaitTrue(() -> receiver.requests.stream().anyMatch(r -> r.status() == 204), Duration.ofSeconds(30));
		assertThat(receiver.requests.get(0).status()).isEqualTo(500);
		WebhookReceiver.Received delivered = receiver.requests.stream()
			.filter(r -> r.status() == 204)
			.findFirst()
			.orElseThrow();
		assertThat(delivered.body()).contains("\"event\":\"finding.opened\"");
		assertThat(delivered.body()).containsAnyOf("\"severity\":\"HIGH\"", "\"severity\":\"CRITICAL\"");
		assertThat(delivered.signature()).isEqualTo("sha256=" + hmac(delivered.timestamp() + "." + delivered.body()));
		assertThat(output.getAll()).doesNotContain(WEBHOOK_SECRET);
	}

	@Test
	@Order(6)
	void shouldDeliverAlertsLeftInTheOutboxByAnEarlierRun(@Autowired AlertOutbox outbox,
			@Autowired WebhookAlerts alerts) {
		// As if the app had stopped between queueing an alert and sending it.
		PendingAlert leftOver = new PendingAlert("left-over:1", "left-over",
				"{\"event\":\"finding.opened\",\"id\":\"left-over\"}", java.time.Instant.now(), null, null, null);
		outbox.add(List.of(leftOver)).block(Duration.ofSeconds(30));
		alerts.wake();
		awaitTrue(() -> receiver.requests.stream().anyMatch(r -> r.status() == 204 && r.body().contains("left-over")),
				Duration.ofSeconds(30));
		awaitTrue(() -> outbox.pending(java.time.Instant.now()).block(Duration.ofSeconds(30)).isEmpty(),
				Duration.ofSeconds(30));
	}

	@Test
	@Order(7)
	void shouldNeverStoreLogOrReturnARawMatchedValue(CapturedOutput output) {
		List<String> values = rawValues();
		assertThat(values).hasSizeGreaterThan(10);
		String everything = this.raw
			.send("POST", "/" + PREFIX + "-*/_search?size=10000", "{\"query\":{\"match_all\":{}}}")
			.block()
			.orFail("search")
			.body();
		assertThat(everything).contains("aws-access-key").contains("AKIAIOSFODNN7EXAMPLE");
		// language=GraphQL
		String messages = """
				query($id: ID!) { conversation(id: $id) { messages(first: 100) { edges { node { text dlp { masked hash } } } } } }
				""";
		StringBuilder api = new StringBuilder();
		for (PlantedSecret secret : this.planted) {
			api.append(this.graphQl.document(messages)
				.variable("id", secret.conversationId())
				.execute()
				.path("conversation")
				.entity(Object.class)
				.get());
		}
		api.append(this.graphQl.document(
				"{ findings(first: 100) { edges { node { resourceId resourceName detail matchingMessages(first: 5) { edges { node { text } } } } } } }")
			.execute()
			.path("findings")
			.entity(Object.class)
			.get());
		assertThat(api).contains("AKIA");
		for (String value : values) {
			assertThat(everything).as("an index").doesNotContain(value);
			assertThat(api.toString()).as("the API").doesNotContain(value);
			assertThat(output.getAll()).as("the log").doesNotContain(value);
		}
	}

	/** Matched values (not the near-misses), with a PEM block split into its lines. */
	private List<String> rawValues() {
		return this.planted.stream()
			.filter(p -> Expectations.DETECTOR.containsKey(p.kind()))
			.flatMap(p -> p.kind() == Kind.PRIVATE_KEY
					? java.util.Arrays.stream(p.value().split("\n")).filter(l -> !l.startsWith("-----"))
					: java.util.stream.Stream.of(p.value(), p.value().replace(" ", "")))
			.distinct()
			.toList();
	}

	private static String hmac(String message) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(WEBHOOK_SECRET.getBytes(), "HmacSHA256"));
			return java.util.HexFormat.of()
				.formatHex(mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitTrue(BooleanSupplier condition, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Not true within " + timeout);
			}
			reactor.core.publisher.Mono.delay(Duration.ofMillis(50)).block();
		}
	}

	private static double daysAgo(Instant instant) {
		return Duration.between(instant, Instant.now()).toMinutes() / (24.0 * 60);
	}

	private Map<String, Set<String>> openFindings() {
		Map<String, Set<String>> byType = new TreeMap<>();
		for (FindingDocument finding : allFindings()) {
			if (finding.status() == FindingStatus.OPEN) {
				byType.computeIfAbsent(finding.typeId(), t -> new TreeSet<>()).add(finding.resourceId());
			}
		}
		return byType;
	}

	private List<FindingDocument> findingsOf(String typeId) {
		return allFindings().stream()
			.filter(f -> f.typeId().equals(typeId))
			.sorted(java.util.Comparator.comparing(FindingDocument::id))
			.toList();
	}

	private FindingDocument finding(String id) {
		return allFindings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
	}

	private List<FindingDocument> allFindings() {
		try {
			this.client.indices().refresh(r -> r.index(this.indices.alias(FindingStore.INDEX))).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return new Expectations(this.client, this.indices).all(FindingStore.INDEX, FindingDocument.class);
	}

}
