package io.chatwarden.sync;

import io.chatwarden.support.SimulatorEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.store.Indices;
import io.chatwarden.store.RawRequests;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import org.junit.jupiter.api.AfterAll;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.search.Hit;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code conversation-source=logs}, conversations are built from
 * {@code CONVERSATION_MESSAGE} events alone: one event per message, counted per
 * conversation.
 */
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-logs-only", "chatwarden.sync.enabled=false",
		"chatwarden.demo.enabled=false", "chatwarden.openai.compliance.list-calls-per-minute=100000",
		"chatwarden.sync.conversation-source=logs",
		// Batches smaller than a conversation: its messages are written before its last
		// activity is known, so the recount has to restamp them.
		"chatwarden.store.bulk-batch-size=3" })
class LogsOnlySyncIntegrationTests extends OpenSearchTest {

	static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(45).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	@DynamicPropertySource
	static void simulatorEndpoints(DynamicPropertyRegistry registry) {
		SimulatorEndpoints.compliance(registry, simulator, () -> "sk-proj-LogsOnlyKey0123456789");
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Autowired
	SyncService sync;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	@Autowired
	RawRequests requests;

	@Test
	void shouldBuildConversationsAndCountTheirMessagesFromTheLogsAlone() throws Exception {
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		counts.clear(Indices.CONVERSATIONS, Indices.MESSAGES, Indices.EVENTS, Indices.SYNC_STATE);
		SyncStatus status = this.sync.run().block(Duration.ofMinutes(3));
		assertThat(status.lastError()).isNull();
		// The run refreshed the indices it wrote every 30 s, and put them back after.
		for (String index : List.of(this.indices.messages(), this.indices.conversations())) {
			String settings = this.requests.send("GET", "/" + index + "/_settings", null).block().orFail("").body();
			assertThat(settings).as(index).doesNotContain("30s");
		}
		ResourceProgressView stateful = status.resources()
			.stream()
			.filter(r -> r.resource().equals("conversations"))
			.findFirst()
			.orElseThrow();
		assertThat(stateful.state()).isEqualTo(SyncState.SKIPPED);
		assertThat(stateful.note()).contains("conversation-source is logs");
		assertThat(stateful.lastError()).isNull();
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		assertThat(counts.count(Indices.CONVERSATIONS)).isEqualTo(expected.conversations());
		assertThat(counts.count(Indices.MESSAGES)).isEqualTo(expected.messages());
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
		assertThat(counts.count(Indices.CONVERSATIONS,
				Query.of(q -> q.range(r -> r.field("messageCount").lte(org.opensearch.client.json.JsonData.of(0))))))
			.isZero();
		// "Most recently active" order: every message carries its conversation's last
		// activity, the time of its newest message.
		for (var hit : this.client
			.search(s -> s.index(this.indices.conversations()).size(100), ConversationDocument.class)
			.get()
			.hits()
			.hits()) {
			ConversationDocument conversation = hit.source();
			List<MessageDocument> messages = this.client
				.search(s -> s.index(this.indices.messages())
					.size(1000)
					.query(q -> q.term(t -> t.field("conversationId").value(v -> v.stringValue(conversation.id()))))
					.sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Desc))), MessageDocument.class)
				.get()
				.hits()
				.hits()
				.stream()
				.map(Hit::source)
				.toList();
			MessageDocument newest = messages.get(0);
			assertThat(conversation.lastActiveAt()).isEqualTo(newest.createdAt());
			// Everything else the conversation says, as its messages say it.
			assertThat(conversation.messageCount()).isEqualTo(messages.size());
			assertThat(conversation.title()).isEqualTo(newest.conversationTitle());
			assertThat(conversation.userId()).isEqualTo(newest.userId());
			assertThat(orEmpty(conversation.models())).isEqualTo(union(messages, m -> one(m.model())));
			assertThat(orEmpty(conversation.clientTypes())).isEqualTo(union(messages, m -> one(m.clientType())));
			assertThat(orEmpty(conversation.tools())).isEqualTo(union(messages, m -> one(m.toolName())));
			assertThat(orEmpty(conversation.gptIds())).isEqualTo(union(messages, m -> one(m.gptId())));
			assertThat(orEmpty(conversation.toolsUsed())).isEqualTo(union(messages, MessageDocument::toolsUsed));
			assertThat(orEmpty(conversation.dlpDetectors())).isEqualTo(union(messages, MessageDocument::dlpDetectors));
			assertThat(counts.count(Indices.MESSAGES, Query.of(q -> q.bool(b -> b
				.filter(f -> f.term(t -> t.field("conversationId").value(v -> v.stringValue(conversation.id()))))
				.mustNot(m -> m.term(t -> t.field("conversationLastActiveAt")
					.value(v -> v.stringValue(newest.createdAt().toString()))))))))
				.as("messages of %s not stamped with its last activity", conversation.id())
				.isZero();
		}
	}

	/** The distinct values the messages carry, sorted. */
	private static List<String> union(List<MessageDocument> messages, Function<MessageDocument, List<String>> values) {
		return messages.stream()
			.map(values)
			.filter(Objects::nonNull)
			.flatMap(List::stream)
			.filter(Objects::nonNull)
			.distinct()
			.sorted()
			.toList();
	}

	private static List<String> one(String value) {
		return (value != null) ? List.of(value) : List.of();
	}

	private static List<String> orEmpty(List<String> values) {
		return (values != null) ? values : List.of();
	}

}
