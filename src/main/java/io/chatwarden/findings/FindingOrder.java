package io.chatwarden.findings;

import java.util.List;

import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.mapping.FieldType;
import org.opensearch.client.opensearch._types.SortOrder;

/** How findings are listed; each order ends in the id so keyset paging is total. */
enum FindingOrder {

	SEVERITY(List.of(desc("severityRank"), desc("lastSeenAt"), asc("id"))),

	LAST_SEEN(List.of(desc("lastSeenAt"), desc("severityRank"), asc("id"))),

	OCCURRED_AT(List.of(desc("occurredAt"), desc("severityRank"), asc("id")));

	final List<SortOptions> sort;

	FindingOrder(List<SortOptions> sort) {
		this.sort = sort;
	}

	private static SortOptions desc(String field) {
		// Older findings may lack a field added later: they sort last, never fail.
		return SortOptions.of(s -> s.field(f -> f.field(field)
			.order(SortOrder.Desc)
			.missing(FieldValue.of("_last"))
			.unmappedType(FieldType.Date)));
	}

	private static SortOptions asc(String field) {
		return SortOptions.of(s -> s.field(f -> f.field(field).order(SortOrder.Asc)));
	}

}
