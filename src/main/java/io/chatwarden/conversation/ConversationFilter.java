package io.chatwarden.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The {@code ConversationFilter} input: narrows by user, GPT and time. The same filter
 * applies to conversation documents and (with the message-side field names) to message
 * documents.
 */
public record ConversationFilter(List<String> userEmails, List<String> gptIds, Instant from, Instant to) {

	public static final ConversationFilter NONE = new ConversationFilter(null, null, null, null);

	/** Filter clauses on the conversations index. */
	public List<Query> conversationClauses() {
		return clauses("gptIds", "lastActiveAt", "createdAt");
	}

	/** Filter clauses on the messages index. */
	public List<Query> messageClauses() {
		return clauses("gptId", "conversationLastActiveAt", "createdAt");
	}

	private List<Query> clauses(String gptField, String activeField, String createdField) {
		List<Query> clauses = new ArrayList<>();
		if (this.userEmails != null && !this.userEmails.isEmpty()) {
			clauses.add(terms("userEmail", this.userEmails));
		}
		if (this.gptIds != null && !this.gptIds.isEmpty()) {
			clauses.add(terms(gptField, this.gptIds));
		}
		if (this.from != null) {
			clauses.add(Query.of(q -> q.range(r -> r.field(activeField).gte(JsonData.of(this.from.toString())))));
		}
		if (this.to != null) {
			clauses.add(Query.of(q -> q.range(r -> r.field(createdField).lte(JsonData.of(this.to.toString())))));
		}
		return clauses;
	}

	static Query terms(String field, List<String> values) {
		return Query
			.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
	}

}
