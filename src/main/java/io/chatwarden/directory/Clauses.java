package io.chatwarden.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/** Builds the filter of an inventory query from its input's fields. */
final class Clauses {

	private final List<Query> filters = new ArrayList<>();

	private final List<Query> exclusions = new ArrayList<>();

	Clauses terms(String field, List<String> values) {
		if (values != null && !values.isEmpty()) {
			this.filters.add(Query.of(q -> q
				.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList())))));
		}
		return this;
	}

	Clauses before(String field, Instant instant) {
		if (instant != null) {
			this.filters.add(Query.of(q -> q.range(r -> r.field(field).lt(JsonData.of(instant.toString())))));
		}
		return this;
	}

	Clauses missing(String field, Boolean missing) {
		if (missing != null) {
			Query exists = Query.of(q -> q.exists(e -> e.field(field)));
			(missing ? this.exclusions : this.filters).add(exists);
		}
		return this;
	}

	Query query() {
		return Query.of(q -> q.bool(b -> b.filter(this.filters).mustNot(this.exclusions)));
	}

}
