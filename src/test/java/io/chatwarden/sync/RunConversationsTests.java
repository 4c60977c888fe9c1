package io.chatwarden.sync;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.conversation.MessageDocument.FileDocument;
import io.chatwarden.store.BulkWriter.BulkOp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunConversationsTests {

	private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00.123456Z");

	private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

	private final RunConversations conversations = new RunConversations(true, "conversations", 10);

	@Test
	void shouldBuildAConversationWholeFromOneWriteAsTheRollupWould() {
		Batch write = write(message("m1", "c1", 1, "gpt-5-5", List.of("browser"), List.of("f1", "f1", "f2")),
				message("m2", "c1", 3, "o4-pro", List.of("browser", "python"), List.of()),
				message("m2", "c1", 3, "o4-pro", List.of("browser", "python"), List.of()),
				message("m3", "c1", 2, "gpt-5-5", null, List.of("f3")), message("x1", "c2", 5, null, null, List.of()));
		this.conversations.build(write, Set.of(), NOW);

		ConversationDocument c1 = conversation(write, "c1");
		assertThat(c1.messageCount()).as("a message delivered twice counts once").isEqualTo(3);
		assertThat(c1.fileCount()).as("file ids per message, as value_count counts them").isEqualTo(3);
		assertThat(c1.models()).containsExactly("gpt-5-5", "o4-pro");
		assertThat(c1.toolsUsed()).containsExactly("browser", "python");
		assertThat(c1.clientTypes()).as("no values: null, as the rollup leaves it").isNull();
		assertThat(c1.gptIds()).isEmpty();
		assertThat(c1.createdAt()).isEqualTo(CREATED);
		assertThat(c1.lastActiveAt()).isEqualTo(CREATED.plusSeconds(3));
		assertThat(c1.title()).isEqualTo("Title of m2");
		assertThat(c1.syncedAt()).isEqualTo(NOW);
		assertThat(write.documents()
			.stream()
			.filter((op) -> op.document() instanceof MessageDocument m && m.conversationId().equals("c1"))
			.map((op) -> ((MessageDocument) op.document()).conversationLastActiveAt()))
			.as("every message sorts by the conversation's last activity")
			.containsOnly(CREATED.plusSeconds(3));
		assertThat(write.sources()).as("a restamped message keeps its source record for a dead letter")
			.containsKeys(write.documents().get(0));
		assertThat(conversation(write, "c2").messageCount()).isEqualTo(1);
		assertThat(this.conversations.builtWhole("c1")).isTrue();
		assertThat(this.conversations.built()).isEqualTo(2);
	}

	@Test
	void shouldLeaveAConversationSeenInALaterWriteToTheRollup() {
		this.conversations.build(write(message("m1", "c1", 1, null, null, List.of())), Set.of(), NOW);
		Batch later = write(message("m2", "c1", 2, null, null, List.of()));
		this.conversations.build(later, Set.of(), NOW);
		assertThat(conversations(later)).isEmpty();
		assertThat(this.conversations.builtWhole("c1")).isFalse();
		assertThat(this.conversations.built()).isZero();
		Batch third = write(message("m3", "c1", 3, null, null, List.of()));
		this.conversations.build(third, Set.of(), NOW);
		assertThat(conversations(third)).isEmpty();
		assertThat(this.conversations.builtWhole("c1")).isFalse();
	}

	@Test
	void shouldLeaveAConversationWhoseMessageOrDocumentOpenSearchRefusedToTheRollup() {
		Batch write = write(message("m1", "c1", 1, null, null, List.of()),
				message("m2", "c2", 1, null, null, List.of()));
		this.conversations.build(write, Set.of(), NOW);
		this.conversations.rejected(write.documents().get(0));
		this.conversations
			.rejected(write.documents().stream().filter((op) -> op.id().equals("c2")).findFirst().orElseThrow());
		assertThat(this.conversations.builtWhole("c1")).isFalse();
		assertThat(this.conversations.builtWhole("c2")).isFalse();
		assertThat(this.conversations.built()).isZero();
	}

	@Test
	void shouldLeaveAConversationWithAStoredDocumentToTheRollup() {
		Batch write = write(message("m1", "c1", 1, null, null, List.of()),
				message("m2", "c2", 1, null, null, List.of()));
		assertThat(this.conversations.unseen(write)).containsExactlyInAnyOrder("c1", "c2");
		this.conversations.build(write, Set.of("c1"), NOW);
		assertThat(conversations(write)).extracting(ConversationDocument::id).containsExactly("c2");
		// Nor later, when the lookup of a later write misses it.
		Batch later = write(message("m3", "c1", 5, null, null, List.of()));
		assertThat(this.conversations.unseen(later)).isEmpty();
		this.conversations.build(later, Set.of(), NOW);
		assertThat(conversations(later)).isEmpty();
		assertThat(this.conversations.builtWhole("c1")).isFalse();
	}

	@Test
	void shouldStartAConversationAtItsFirstMessageWhenTheLogsDoNotSay() {
		Batch write = write(withConversationCreatedAt(message("m1", "c1", 7, null, null, List.of()), null),
				withConversationCreatedAt(message("m2", "c1", 3, null, null, List.of()), null));
		this.conversations.build(write, Set.of(), NOW);
		assertThat(conversation(write, "c1").createdAt()).as("to the millisecond, as the rollup's min gives it")
			.isEqualTo(Instant.parse("2026-11-01T00:00:03.123Z"));
	}

	@Test
	void shouldBuildNoMoreThanItCanRememberNorAnythingWhenOff() {
		RunConversations small = new RunConversations(true, "conversations", 1);
		Batch write = write(message("m1", "c1", 1, null, null, List.of()),
				message("m2", "c2", 1, null, null, List.of()));
		small.build(write, Set.of(), NOW);
		assertThat(conversations(write)).extracting(ConversationDocument::id).containsExactly("c1");
		assertThat(small.builtWhole("c2")).isFalse();

		Batch off = write(message("m1", "c1", 1, null, null, List.of()));
		assertThat(RunConversations.none().unseen(off)).isEmpty();
		RunConversations.none().build(off, Set.of(), NOW);
		assertThat(conversations(off)).isEmpty();
	}

	@Test
	void shouldKeepTheHundredMostFrequentValuesTiesByValueSorted() {
		Map<String, Long> counts = new HashMap<>();
		IntStream.range(0, 101).forEach((i) -> counts.put(String.format("v%03d", i), 1L));
		counts.put("v100", 5L);
		List<String> ranked = ConversationRollup.ranked(counts);
		assertThat(ranked).hasSize(100).contains("v100").doesNotContain("v099").isSorted();
	}

	private static Batch write(MessageDocument... messages) {
		Batch batch = Batch.of(messages.length);
		for (MessageDocument message : messages) {
			BulkOp op = new BulkOp("messages", message.id(), message);
			batch.documents().add(op);
			batch.sources().put(op, new Batch.Source("line of " + message.id(), "file f line 1"));
		}
		return batch;
	}

	private static List<ConversationDocument> conversations(Batch batch) {
		return batch.documents()
			.stream()
			.filter((op) -> op.document() instanceof ConversationDocument)
			.peek((op) -> assertThat(op.index()).isEqualTo("conversations"))
			.map((op) -> (ConversationDocument) op.document())
			.toList();
	}

	private static ConversationDocument conversation(Batch batch, String id) {
		return conversations(batch).stream().filter((c) -> c.id().equals(id)).findFirst().orElseThrow();
	}

	private static MessageDocument message(String id, String conversation, int second, String model, List<String> tools,
			List<String> files) {
		return new MessageDocument(id, conversation, null, 0, "assistant", null, "text", "hi",
				CREATED.plusSeconds(second), null, null, "user-1", "u@example.com", "Title of " + id, CREATED,
				List.of(), files.stream().map((f) -> new FileDocument(f, "name")).toList(), model, tools, null, "logs",
				null, null, NOW, CREATED, Boolean.FALSE, null);
	}

	private static MessageDocument withConversationCreatedAt(MessageDocument m, Instant created) {
		return new MessageDocument(m.id(), m.conversationId(), m.parentId(), m.position(), m.role(), m.toolName(),
				m.contentType(), m.text(), m.createdAt(), m.gptId(), m.projectId(), m.userId(), m.userEmail(),
				m.conversationTitle(), m.conversationLastActiveAt(), m.citationUrls(), m.files(), m.model(),
				m.toolsUsed(), m.clientType(), m.contentSource(), m.dlpDetectors(), m.dlp(), m.syncedAt(), created,
				m.pinned(), m.temporary());
	}

}
