package io.chatwarden.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.store.BulkWriter.BulkOp;

/**
 * The conversations of a logs run that can be built from the messages in hand, without
 * reading them back: those whose messages all come in one write and that have no stored
 * document yet. In a run that resumes no failed run, a conversation without a document
 * has no stored message either: every run that ended well built the conversation of every
 * message it wrote, and a run after a failed one rolls up everything since that began. So
 * its messages in the write are all it has, and the document is what
 * {@link ConversationRollup} would build from the store. It is written in the same bulk
 * as its messages, each stamped with the conversation's last activity. A conversation
 * seen again in a later write of the run, or whose message or document OpenSearch
 * refused, is left to the rollup, as is every other one. Used only in a run that resumes
 * no failed run and writes no stateful messages. Writes come one at a time, in order;
 * lookups and rejections come from the threads of the writes in flight.
 */
final class RunConversations {

	/**
	 * Conversations remembered per run (about 150 bytes each); past it, new ones are left
	 * to the rollup.
	 */
	static final int REMEMBERED = 200_000;

	private final boolean enabled;

	private final String index;

	private final int remembered;

	/** Seen in this run: true when built here whole, false when left to the rollup. */
	private final Map<String, Boolean> seen = new HashMap<>();

	RunConversations(boolean enabled, String index, int remembered) {
		this.enabled = enabled;
		this.index = index;
		this.remembered = remembered;
	}

	static RunConversations none() {
		return new RunConversations(false, null, 0);
	}

	/** Whether the conversation was built here, from all its messages. */
	synchronized boolean builtWhole(String conversationId) {
		return Boolean.TRUE.equals(this.seen.get(conversationId));
	}

	/** How many conversations were built here. */
	synchronized long built() {
		return this.seen.values().stream().filter(Boolean::booleanValue).count();
	}

	/**
	 * A document OpenSearch refused: its conversation, if built here, is left to the
	 * rollup, which reads what the store holds.
	 */
	synchronized void rejected(BulkOp op) {
		String id = (op.document() instanceof MessageDocument message) ? message.conversationId()
				: (op.document() instanceof ConversationDocument conversation) ? conversation.id() : null;
		if (id != null) {
			this.seen.put(id, false);
		}
	}

	/**
	 * The conversations of a write not seen before in the run, to be looked up in the
	 * store.
	 */
	synchronized Set<String> unseen(Batch batch) {
		if (!this.enabled) {
			return Set.of();
		}
		Set<String> ids = new HashSet<>();
		for (BulkOp op : batch.documents()) {
			if (op.document() instanceof MessageDocument message && !this.seen.containsKey(message.conversationId())) {
				ids.add(message.conversationId());
			}
		}
		return ids;
	}

	/**
	 * Adds to a write the documents of the conversations it holds whole, and stamps their
	 * messages with their last activity.
	 * @param stored those of its conversations that have a stored document
	 */
	synchronized void build(Batch batch, Set<String> stored, Instant now) {
		if (!this.enabled) {
			return;
		}
		Map<String, List<Integer>> positions = new LinkedHashMap<>();
		List<BulkOp> documents = batch.documents();
		for (int i = 0; i < documents.size(); i++) {
			if (documents.get(i).document() instanceof MessageDocument message && documents.get(i).merge() == null) {
				positions.computeIfAbsent(message.conversationId(), (id) -> new ArrayList<>()).add(i);
			}
		}
		positions.forEach((id, at) -> {
			if (this.seen.containsKey(id)) {
				// A message in another write too: only the store has them all.
				this.seen.put(id, false);
				return;
			}
			if (this.seen.size() >= this.remembered) {
				return;
			}
			boolean whole = !stored.contains(id);
			this.seen.put(id, whole);
			if (whole) {
				documents.add(new BulkOp(this.index, id, conversation(batch, id, at, now)));
			}
		});
	}

	private static ConversationDocument conversation(Batch batch, String id, List<Integer> at, Instant now) {
		// One message per id: delivery is at least once.
		Map<String, MessageDocument> messages = new LinkedHashMap<>();
		for (int i : at) {
			MessageDocument message = (MessageDocument) batch.documents().get(i).document();
			messages.put(message.id(), message);
		}
		MessageDocument newest = null;
		int files = 0;
		Map<String, Map<String, Long>> counts = new HashMap<>();
		for (MessageDocument message : messages.values()) {
			if (newest == null || (message.createdAt() != null
					&& (newest.createdAt() == null || message.createdAt().isAfter(newest.createdAt())))) {
				newest = message;
			}
			if (message.files() != null && !message.files().isEmpty()) {
				files += (int) message.files().stream().map((file) -> file.id()).distinct().count();
			}
			ConversationRollup.UNIONS.forEach((name, union) -> {
				List<String> values = union.values().apply(message);
				// A message counts once per value, as a document does in a terms
				// aggregation.
				for (String value : (values.size() > 1) ? new HashSet<>(values) : values) {
					counts.computeIfAbsent(name, (n) -> new HashMap<>()).merge(value, 1L, Long::sum);
				}
			});
		}
		stamp(batch, at, newest.createdAt());
		ConversationRollup.Header header = new ConversationRollup.Header(newest.userId(), newest.userEmail(),
				newest.conversationTitle(), newest.pinned(), newest.temporary(), newest.createdAt(),
				newest.conversationCreatedAt());
		// Else its first message's time, to the millisecond, as the rollup's min
		// aggregation gives it.
		Instant started = (newest.conversationCreatedAt() != null) ? newest.conversationCreatedAt()
				: messages.values()
					.stream()
					.map(MessageDocument::createdAt)
					.filter((created) -> created != null)
					.min(Instant::compareTo)
					.map((first) -> Instant.ofEpochMilli(first.toEpochMilli()))
					.orElse(null);
		return ConversationRollup.document(id, header, started, messages.size(),
				(name) -> ConversationRollup.ranked(counts.getOrDefault(name, Map.of())), files, now);
	}

	/** Every message of the conversation sorts by its last activity. */
	private static void stamp(Batch batch, List<Integer> at, Instant lastActive) {
		if (lastActive == null) {
			return;
		}
		for (int i : at) {
			MessageDocument message = (MessageDocument) batch.documents().get(i).document();
			if (!lastActive.equals(message.conversationLastActiveAt())) {
				batch.replace(i, message.withConversationLastActiveAt(lastActive));
			}
		}
	}

}
