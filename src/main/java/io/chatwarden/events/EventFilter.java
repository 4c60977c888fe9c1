package io.chatwarden.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The {@code EventFilter} input: narrows events by type, action, actor, country and time.
 *
 * @param actors user emails, user ids or redacted keys ({@code sk-...RxIA}) that acted
 * @param users user emails an event is by or about (the actor or the action's target)
 */
public record EventFilter(List<String> types, List<String> actions, List<String> actors, List<String> users,
		List<String> countries, Instant from, Instant to) {

	public static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null);

	List<Query> clauses() {
		List<Query> clauses = new ArrayList<>();
		add(clauses, "type", this.types);
		add(clauses, "action", this.actions);
		if (this.actors != null && !this.actors.isEmpty()) {
			clauses.add(anyOf(List.of("actor", "actorEmail", "actorUserId", "actorKeyId"), this.actors));
		}
		if (this.users != null && !this.users.isEmpty()) {
			clauses.add(anyOf(List.of("actorEmail", "targetEmail"), this.users));
		}
		add(clauses, "country", this.countries);
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
