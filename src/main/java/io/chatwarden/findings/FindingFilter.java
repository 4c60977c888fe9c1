package io.chatwarden.findings;

import java.util.ArrayList;
import java.util.List;

import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/** The {@code FindingFilter} input: every given criterion must hold. */
record FindingFilter(List<String> typeIds, List<Severity> severities, List<FindingStatus> statuses, String resourceId,
		List<String> categories, List<String> userEmails, String text) {

	static final FindingFilter NONE = new FindingFilter(null, null, null, null, null, null, null);

	Query query() {
		List<Query> clauses = new ArrayList<>();
		if (this.typeIds != null && !this.typeIds.isEmpty()) {
			clauses.add(Queries.terms("typeId", this.typeIds));
		}
		if (this.severities != null && !this.severities.isEmpty()) {
			clauses.add(Queries.terms("severity", this.severities.stream().map(Enum::name).toList()));
		}
		if (this.statuses != null && !this.statuses.isEmpty()) {
			clauses.add(Queries.terms("status", this.statuses.stream().map(Enum::name).toList()));
		}
		if (this.resourceId != null && !this.resourceId.isBlank()) {
			clauses.add(Queries.term("resourceId", this.resourceId));
		}
		if (this.categories != null && !this.categories.isEmpty()) {
			clauses.add(Queries.terms("category", this.categories));
		}
		if (this.userEmails != null && !this.userEmails.isEmpty()) {
			clauses.add(Query.of(q -> q.terms(t -> t.field("userEmail")
				.terms(v -> v.value(this.userEmails.stream().map(FieldValue::of).toList())))));
		}
		if (this.text != null && !this.text.isBlank()) {
			clauses.add(containing(this.text.strip()));
		}
		return Query.of(q -> q.bool(b -> b.filter(clauses)));
	}

	/** The text anywhere in the resource's name or id, the user or the type, any case. */
	private static Query containing(String text) {
		String pattern = "*" + text.replaceAll("([\\\\*?])", "\\\\$1") + "*";
		return Query.of(q -> q.bool(b -> {
			for (String field : List.of("resourceName", "resourceId", "userEmail", "typeId")) {
				b.should(s -> s.wildcard(w -> w.field(field).value(pattern).caseInsensitive(true)));
			}
			return b.minimumShouldMatch("1");
		}));
	}

}
