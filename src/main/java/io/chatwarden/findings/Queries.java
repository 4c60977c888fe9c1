package io.chatwarden.findings;

import java.util.List;

import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/** Small query builders the rules share. */
final class Queries {

	private Queries() {
	}

	static Query term(String field, String value) {
		return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
	}

	static Query terms(String field, List<String> values) {
		return Query
			.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
	}

	static Query exists(String field) {
		return Query.of(q -> q.exists(e -> e.field(field)));
	}

	static Query missing(String field) {
		return Query.of(q -> q.bool(b -> b.mustNot(exists(field))));
	}

	static Query all(Query... clauses) {
		return Query.of(q -> q.bool(b -> b.filter(List.of(clauses))));
	}

	static Query any(Query... clauses) {
		return Query.of(q -> q.bool(b -> b.should(List.of(clauses)).minimumShouldMatch("1")));
	}

}
