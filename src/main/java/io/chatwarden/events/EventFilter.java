package io.chatwarden.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The {@code EventFilter} input: narrows events by type, action, actor, country, time and
 * the words of their user-written text.
 *
 * @param actors user emails, user ids or redacted keys ({@code sk-...RxIA}) that acted
 * @param users user emails (or ids) an event is by or about (the actor or the action's
 * target)
 * @param actions what happened: the audit action, a login outcome, or a non-audit type's
 * {@code event_type}/{@code detail_type}
 * @param text words of the event's user-written text (prompts, responses, inputs)
 */
public record EventFilter(List<String> types, List<String> actions, List<String> actors, List<String> users,
		List<String> countries, Instant from, Instant to, String text) {

	public static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null, null);

	List<Query> clauses() {
		List<Query> clauses = new ArrayList<>();
		add(clauses, "type", this.types);
		if (this.actions != null && !this.actions.isEmpty()) {
			clauses.add(anyOf(List.of("action", "eventType", "detailType"), this.actions));
		}
		if (this.actors != null && !this.actors.isEmpty()) {
			clauses.add(anyOf(List.of("actor", "actorEmail", "actorUserId", "actorKeyId"), this.actors));
		}
		if (this.users != null && !this.users.isEmpty()) {
			clauses.add(anyOf(List.of("actorEmail", "targetEmail", "actorUserId", "targetUserId"), this.users));
		}
		add(clauses, "country", this.countries);
		if (this.text != null && !this.text.isBlank()) {
			clauses.add(Query.of(q -> q.simpleQueryString(s -> s.fields("text")
				.query(this.text)
				.defaultOperator(org.opensearch.client.opensearch._types.query_dsl.Operator.And))));
		}
		if (this.from != null) {
			clauses.add(Query.of(q -> q.range(r -> r.field("timestamp").gte(JsonData.of(this.from.toString())))));
		}
		if (this.to != null) {
			clauses.add(Query.of(q -> q.range(r -> r.field("timestamp").lte(JsonData.of(this.to.toString())))));
		}
		return clauses;
	}

	private static void add(List<Query> clauses, String field, List<String> values) {
		if (values != null && !values.isEmpty()) {
			clauses.add(terms(field, values));
		}
	}

	private static Query anyOf(List<String> fields, List<String> values) {
		return Query.of(q -> q.bool(b -> {
			fields.forEach(field -> b.should(terms(field, values)));
			return b.minimumShouldMatch("1");
		}));
	}

	static Query terms(String field, List<String> values) {
		return Query
			.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
	}

}
