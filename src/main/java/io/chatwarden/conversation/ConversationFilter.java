package io.chatwarden.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The {@code ConversationFilter} input: narrows by user, GPT, time, role, tool and DLP
 * matches. The same filter applies to conversation documents and (with the message-side
 * field names) to message documents. Roles exist on messages only, so a conversation
 * listing ignores them.
 */
public record ConversationFilter(List<String> userEmails, List<String> gptIds, Instant from, Instant to,
		List<String> roles, List<String> tools, Boolean hasDlpMatch) {

	public static final ConversationFilter NONE = new ConversationFilter(null, null, null, null);

	public ConversationFilter(List<String> userEmails, List<String> gptIds, Instant from, Instant to) {
		this(userEmails, gptIds, from, to, null, null, null);
	}

	/** Filter clauses on the conversations index. */
	public List<Query> conversationClauses() {
		List<Query> clauses = clauses("gptIds", "lastActiveAt", "createdAt");
		if (present(this.tools)) {
			clauses.add(terms("tools", this.tools));
		}
		dlpClause(clauses);
		return clauses;
	}

	/** Filter clauses on the messages index. */
	public List<Query> messageClauses() {
		List<Query> clauses = clauses("gptId", "conversationLastActiveAt", "createdAt");
		if (present(this.roles)) {
			clauses.add(terms("role", this.roles));
		}
		if (present(this.tools)) {
			clauses.add(terms("toolName", this.tools));
		}
		dlpClause(clauses);
		return clauses;
	}

	private void dlpClause(List<Query> clauses) {
		if (this.hasDlpMatch == null) {
			return;
		}
		Query exists = Query.of(q -> q.exists(e -> e.field("dlpDetectors")));
		clauses.add(this.hasDlpMatch ? exists : Query.of(q -> q.bool(b -> b.mustNot(exists))));
	}

	private List<Query> clauses(String gptField, String activeField, String createdField) {
		List<Query> clauses = new ArrayList<>();
		if (present(this.userEmails)) {
			clauses.add(terms("userEmail", this.userEmails));
		}
		if (present(this.gptIds)) {
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

	private static boolean present(List<String> values) {
		return values != null && !values.isEmpty();
	}

	static Query terms(String field, List<String> values) {
		return Query
			.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
	}

}
