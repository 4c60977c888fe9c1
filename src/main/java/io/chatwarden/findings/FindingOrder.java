package io.chatwarden.findings;

import java.util.List;

import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;

/** How findings are listed; each order ends in the id so keyset paging is total. */
enum FindingOrder {

	SEVERITY(List.of(desc("severityRank"), desc("lastSeenAt"), asc("id"))),

	LAST_SEEN(List.of(desc("lastSeenAt"), desc("severityRank"), asc("id")));

	final List<SortOptions> sort;

	FindingOrder(List<SortOptions> sort) {
		this.sort = sort;
	}

	private static SortOptions desc(String field) {
		return SortOptions.of(s -> s.field(f -> f.field(field).order(SortOrder.Desc)));
	}

	private static SortOptions asc(String field) {
		return SortOptions.of(s -> s.field(f -> f.field(field).order(SortOrder.Asc)));
	}

}
