package io.chatwarden.gpt;

import java.util.ArrayList;
import java.util.List;

import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/** The {@code GptFilter} input: narrows the GPT inventory. */
record GptFilter(List<String> visibilities, List<String> tools, List<String> ownerEmails) {

	static final GptFilter NONE = new GptFilter(null, null, null);

	Query query() {
		List<Query> clauses = new ArrayList<>();
		add(clauses, "visibility", this.visibilities);
		add(clauses, "tools", this.tools);
		add(clauses, "ownerEmail", this.ownerEmails);
		return Query.of(q -> q.bool(b -> b.filter(clauses)));
	}

	private static void add(List<Query> clauses, String field, List<String> values) {
		if (values != null && !values.isEmpty()) {
			clauses.add(Query.of(q -> q
				.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList())))));
		}
	}

}
