package io.chatwarden.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.SimulatorEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default configuration ({@code conversation-source: auto}) against a server that
 * speaks the API as it stands since mid-2026: the stateful conversations answer 410, and
 * everything comes through {@code /logs}, delivered at least once, behind a 307 to
 * another origin.
 */
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-today", "chatwarden.sync.enabled=false",
		"chatwarden.demo.enabled=false", "chatwarden.openai.compliance.list-calls-per-minute=100000",
		"chatwarden.openai.compliance.min-backoff=10ms", "chatwarden.openai.compliance.max-backoff=100ms",
		"chatwarden.sync.logs.page-size=3", "chatwarden.sync.logs.file-attempts=2",
		// One download at a time where a test counts faults per download.
		"chatwarden.sync.logs.concurrency=1",
		"chatwarden.sync.logs.event-types=CONVERSATION_MESSAGE,AUDIT_LOG,AUTH_LOG,CODEX_LOG,MEMORY_CONTEXT,NOT_A_TYPE" })
@ExtendWith(OutputCaptureExtension.class)
class TodaysApiSyncIntegrationTests extends OpenSearchTest {

	static final String KEY = "sk-proj-TodaysSyncKey0123Qx7Y";

	static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(50).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	@DynamicPropertySource
	static void simulatorEndpoints(DynamicPropertyRegistry registry) {
		SimulatorEndpoints.compliance(registry, simulator, () -> KEY);
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Autowired
	SyncService sync;

	@Autowired
	CheckpointStore checkpoints;

	@Autowired
	ConversationRollup rollup;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	IndexCounts counts;

	@BeforeEach
	void startFromAnEmptyCopy() {
		this.counts = new IndexCounts(this.client, this.indices);
		this.counts.clear(Indices.CONVERSATIONS, Indices.MESSAGES, Indices.USERS, Indices.GPTS, Indices.EVENTS,
				Indices.SYNC_STATE, Indices.DEAD_LETTERS);
		simulator.faults().reset();
	}

	@Test
	void shouldCopyEverythingOnceThroughTheLogsAndCallTheRetiredSourceInformation() {
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).isNull();
		assertThat(status.lastSuccessAt()).isNotNull();
		assertThat(status.warnings()).isEmpty();
		ResourceProgressView conversations = resource(status, "conversations");
		assertThat(conversations.state()).isEqualTo(SyncState.RETIRED);
		assertThat(conversations.lastError()).isNull();
		assertThat(conversations.note()).contains("410");
		assertThat(resource(status, "logs").state()).isEqualTo(SyncState.DONE);
		assertThat(resource(status, "logs").note()).contains("NOT_A_TYPE");
		assertFullCopy();
		// The key never went to the signed URL's host.
		assertThat(simulator.storage().downloads()).isPositive();
		assertThat(simulator.storage().bearerAttempts()).isZero();
		// Suffixed user ids are joined to the users list; null content is kept.
		assertThat(this.counts.count(Indices.MESSAGES, wildcard("userId", "*__*"))).isZero();
		assertThat(this.counts.count(Indices.EVENTS, wildcard("actorUserId", "*__*"))).isZero();
		assertThat(this.counts.count(Indices.MESSAGES,
				Query.of(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field("text")))))))
			.isPositive();
		// Other event types are stored whole, searchable by what happened and by their
		// text, with DLP over it.
		assertThat(this.counts.count(Indices.EVENTS, term("type", "MEMORY_CONTEXT"))).isEqualTo(1);
		assertThat(this.counts.count(Indices.EVENTS, term("eventType", "CODEX_TASK_CREATED"))).isEqualTo(1);
		assertThat(this.counts.count(Indices.EVENTS,
				Query.of(q -> q.match(m -> m.field("text").query(v -> v.stringValue("retry loop"))))))
			.isEqualTo(1);
		assertThat(this.counts.count(Indices.EVENTS, term("dlpDetectors", "aws-access-key"))).isEqualTo(1);
		assertThat(raw(Indices.EVENTS)).doesNotContain("AKIAQWERTYUIOPASDFGH");
		// The product's own listing calls are recognised by its key's last four.
		assertThat(this.counts.count(Indices.EVENTS, term("actorKeyId", "sk-...Qx7Y"))).isPositive();
		assertThat(this.counts.count(Indices.EVENTS, term("byProduct", "true")))
			.isEqualTo(this.counts.count(Indices.EVENTS, term("actorKeyId", "sk-...Qx7Y")));

		// The next run neither calls the retired endpoint again nor copies anything
		// twice.
		var retired = this.checkpoints.load("conversations").block().retiredAt();
		SyncStatus second = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(second.lastError()).isNull();
		assertThat(resource(second, "conversations").state()).isEqualTo(SyncState.RETIRED);
		assertThat(this.checkpoints.load("conversations").block().retiredAt()).isEqualTo(retired);
		assertFullCopy();
	}

	@Test
	void shouldBuildConversationsAsTheirMessagesAreWrittenAsTheRollupBuildsThemFromTheStore(CapturedOutput output)
			throws Exception {
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).isNull();
		assertThat(output.getAll()).containsPattern(
				"Built [1-9][0-9]* conversation\\(s\\) of the logs from their" + " messages as they were written");
		assertBuiltAsTheRollupBuildsThem();
		// A next run: a message added to a conversation built so (which has stored
		// messages), and new conversations.
		simulator.workspace().touchConversation(2);
		simulator.workspace().addConversations(2);
		assertThat(this.sync.run().block(Duration.ofMinutes(3)).lastError()).isNull();
		assertBuiltAsTheRollupBuildsThem();
	}

	private void assertBuiltAsTheRollupBuildsThem() throws Exception {
		Map<String, ConversationDocument> written = conversations();
		assertThat(written).hasSize(simulator.workspace().expectedCounts().conversations());
		// Every conversation again, from its stored messages.
		this.rollup.rollUpSince(Instant.EPOCH, false).block(Duration.ofMinutes(1));
		this.client.indices().refresh((r) -> r.index(this.indices.conversations())).get();
		Map<String, ConversationDocument> rolledUp = conversations();
		assertThat(rolledUp.keySet()).isEqualTo(written.keySet());
		written.forEach((id, conversation) -> assertThat(withoutSyncedAt(conversation)).as(id)
			.isEqualTo(withoutSyncedAt(rolledUp.get(id))));
	}

	private Map<String, ConversationDocument> conversations() throws Exception {
		return this.client.search((s) -> s.index(this.indices.conversations()).size(1000), ConversationDocument.class)
			.get()
			.hits()
			.hits()
			.stream()
			.collect(Collectors.toMap((hit) -> hit.id(), (hit) -> hit.source()));
	}

	private static ConversationDocument withoutSyncedAt(ConversationDocument c) {
		return new ConversationDocument(c.id(), c.workspaceId(), c.userId(), c.userEmail(), c.title(), c.createdAt(),
				c.lastActiveAt(), c.messageCount(), c.gptIds(), c.projectIds(), c.tools(), c.fileCount(),
				c.dlpDetectors(), null, c.pinned(), c.temporary(), c.models(), c.toolsUsed(), c.clientTypes());
	}

	@Test
	void shouldAddNothingForTheBoundaryFileOrEventsDeliveredTwice() {
		this.sync.run().block(Duration.ofMinutes(3));
		long events = this.counts.count(Indices.EVENTS);
		// Forget the checkpoints: every file (boundary and repeated events included) is
		// read again.
		this.counts.clear(Indices.SYNC_STATE);
		SyncStatus again = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(resource(again, "logs").fetched()).isPositive();
		assertFullCopy();
		assertThat(this.counts.count(Indices.EVENTS)).isEqualTo(events);
		// A touched conversation comes as a new file with its one new message.
		simulator.workspace().touchConversation(4);
		SyncStatus third = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(third.lastError()).isNull();
		assertFullCopy();
	}

	@Test
	void shouldRetryADownloadWhoseSha256DoesNotMatchThenDeadLetterIt() {
		simulator.faults().corruptDownloads(1);
		SyncStatus retried = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(retried.lastError()).isNull();
		assertFullCopy();
		this.counts.clear(Indices.SYNC_STATE, Indices.DEAD_LETTERS);
		// Both attempts of one file fail their check: the file is dead-lettered with the
		// reason, the rest goes on.
		simulator.faults().corruptDownloads(2);
		SyncStatus dead = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(dead.outcome()).isEqualTo("PARTIAL");
		assertThat(resource(dead, "logs").failed()).isEqualTo(1);
		assertThat(this.counts.count(Indices.DEAD_LETTERS,
				Query.of(q -> q.match(m -> m.field("reason").query(v -> v.stringValue("sha256"))))))
			.isEqualTo(1);
	}

	@Test
	void shouldGoOnWithTheOtherTypesWhenOneFails() {
		simulator.faults().failEventType("AUTH_LOG");
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).contains("AUTH_LOG");
		assertThat(resource(status, "logs").state()).isEqualTo(SyncState.FAILED);
		assertThat(this.counts.count(Indices.EVENTS, term("type", "AUTH_LOG"))).isZero();
		assertThat(this.counts.count(Indices.EVENTS, term("type", "AUDIT_LOG"))).isPositive();
		assertThat(this.counts.count(Indices.EVENTS, term("type", "MEMORY_CONTEXT"))).isEqualTo(1);
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(simulator.workspace().expectedCounts().messages());
	}

	@Test
	void shouldDeadLetterAMalformedLineMasked() {
		String secret = "AKIAZXCVBNMASDFGHJKL";
		simulator.faults()
			.malformedLogLine("{\"event_id\":\"broken-1\",\"type\":\"CONVERSATION_MESSAGE\",\"x\":\"" + secret + "\",");
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		// A run with dead letters is partial, never a plain success.
		assertThat(status.outcome()).isEqualTo("PARTIAL");
		assertThat(status.lastError()).contains("dead-lettered");
		assertThat(this.counts.count(Indices.DEAD_LETTERS, term("sourceId", "broken-1"))).isEqualTo(1);
		assertThat(raw(Indices.DEAD_LETTERS)).contains("broken-1").doesNotContain(secret);
	}

	private void assertFullCopy() {
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		assertThat(this.counts.count(Indices.MESSAGES)).isEqualTo(expected.messages());
		assertThat(this.counts.count(Indices.CONVERSATIONS)).isEqualTo(expected.conversations());
		assertThat(this.counts.count(Indices.USERS)).isEqualTo(expected.users());
		assertThat(this.counts.count(Indices.DEAD_LETTERS)).isZero();
		try {
			double counted = this.client
				.search(s -> s.index(this.indices.conversations())
					.size(0)
					.aggregations("messages", a -> a.sum(m -> m.field("messageCount"))), Void.class)
				.get()
				.aggregations()
				.get("messages")
				.sum()
				.value();
			assertThat((long) counted).isEqualTo(expected.messages());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String raw(String logical) {
		try {
			return this.client.search(s -> s.index(this.indices.alias(logical)).size(1000), Map.class)
				.get()
				.hits()
				.hits()
				.stream()
				.map((hit) -> String.valueOf(hit.source()))
				.toList()
				.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Query term(String field, String value) {
		return Query.of(q -> q.term(t -> t.field(field).value(v -> v.stringValue(value))));
	}

	private static Query wildcard(String field, String value) {
		return Query.of(q -> q.wildcard(w -> w.field(field).value(value)));
	}

	private static ResourceProgressView resource(SyncStatus status, String name) {
		return status.resources().stream().filter(r -> r.resource().equals(name)).findFirst().orElseThrow();
	}

}
