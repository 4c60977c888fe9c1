package io.chatwarden.sync;

import java.util.List;
import java.util.Map;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.store.BulkWriter.Merge;

/**
 * The merge scripts that let both conversation paths write the same documents: each adds
 * what it knows and neither erases the other's fields. Message content is the logs' once
 * the logs delivered it ({@code contentSource: logs}).
 */
final class Merges {

	/** Fields of a message whose value the logs own once they delivered it. */
	static final List<String> LOG_CONTENT = List.of("text", "contentType", "citationUrls", "files", "createdAt",
			"contentSource");

	private static final String STATEFUL_MESSAGE = """
			boolean logs = 'logs'.equals(ctx._source.contentSource);
			for (def e : params.doc.entrySet()) {
			  if (logs && params.content.contains(e.getKey())) { continue; }
			  ctx._source[e.getKey()] = e.getValue();
			}
			if (!logs) { ctx._source.contentSource = 'stateful'; }
			""";

	private static final String LOG_MESSAGE = """
			for (def e : params.doc.entrySet()) {
			  if ((e.getKey() == 'position' || e.getKey() == 'conversationLastActiveAt')
			      && ctx._source[e.getKey()] != null) { continue; }
			  ctx._source[e.getKey()] = e.getValue();
			}
			""";

	private static final String STATEFUL_CONVERSATION = """
			def count = ctx._source.messageCount;
			for (def e : params.doc.entrySet()) { ctx._source[e.getKey()] = e.getValue(); }
			if (count != null && count > ctx._source.messageCount) { ctx._source.messageCount = count; }
			""";

	private static final String LOG_CONVERSATION = """
			for (def e : params.doc.entrySet()) {
			  def key = e.getKey();
			  def value = e.getValue();
			  def old = ctx._source[key];
			  if (value instanceof List && old instanceof List) {
			    for (def v : value) { if (!old.contains(v)) { old.add(v); } }
			  } else if (key == 'lastActiveAt' && old != null) {
			    if (Instant.parse(old.toString()).isBefore(Instant.parse(value.toString()))) { ctx._source[key] = value; }
			  } else if (key != 'createdAt' || old == null) {
			    ctx._source[key] = value;
			  }
			}
			""";

	private Merges() {
	}

	static BulkOp statefulMessage(String index, MessageDocument message) {
		return new BulkOp(index, message.id(), message, new Merge(STATEFUL_MESSAGE, Map.of("content", LOG_CONTENT)));
	}

	static BulkOp statefulConversation(String index, ConversationDocument conversation) {
		return new BulkOp(index, conversation.id(), conversation, new Merge(STATEFUL_CONVERSATION, Map.of()));
	}

	static BulkOp logMessage(String index, MessageDocument message) {
		return new BulkOp(index, message.id(), message, new Merge(LOG_MESSAGE, Map.of()));
	}

	/**
	 * A conversation built from all its messages (so its counts replace the stored ones)
	 * merged into what the stateful API wrote.
	 */
	static BulkOp logConversation(String index, ConversationDocument conversation) {
		return new BulkOp(index, conversation.id(), conversation, new Merge(LOG_CONVERSATION, Map.of()));
	}

}
