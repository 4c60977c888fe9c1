package io.chatwarden.findings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.chatwarden.store.Indices;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * What rules share in one evaluation. Time conditions are OpenSearch date math anchored
 * on the evaluation's instant ({@code <now>||-30d}), so the app's clock decides "now".
 */
record RuleContext(Instant now, FindingsProperties properties, Indices indices, Composites composites,
		OpenSearchAsyncClient client, FindingCatalog catalog) {

	String anchor() {
		return this.now.truncatedTo(ChronoUnit.MILLIS).toString();
	}

	/** {@code field < now - days}. */
	Query olderThan(String field, int days) {
		String bound = anchor() + "||-" + days + "d";
		return Query.of(q -> q.range(r -> r.field(field).lt(JsonData.of(bound))));
	}

	/** {@code field >= now - days}. */
	Query since(String field, int days) {
		String bound = anchor() + "||-" + days + "d";
		return Query.of(q -> q.range(r -> r.field(field).gte(JsonData.of(bound))));
	}

	/** {@code field < now}. */
	Query beforeNow(String field) {
		return Query.of(q -> q.range(r -> r.field(field).lt(JsonData.of(anchor()))));
	}

	int pageSize() {
		return this.properties.pageSize();
	}

}
