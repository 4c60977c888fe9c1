package io.chatwarden.findings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Finding listings and counts. */
@Component
class FindingQueries {

	private final OpenSearchAsyncClient client;

	private final SearchPages pages;

	private final FindingStore store;

	FindingQueries(OpenSearchAsyncClient client, SearchPages pages, FindingStore store) {
		this.client = client;
		this.pages = pages;
		this.store = store;
	}

	Mono<Connection<FindingDocument>> list(FindingFilter filter, FindingOrder order, PageRequest page) {
		return this.pages.page(this.store.index(), filter.query(), order.sort, page, FindingDocument.class);
	}

	Mono<FindingCounts> counts(FindingFilter filter) {
		return OpenSearchCalls.mono(() -> this.client.search(s -> s.index(this.store.index())
			.size(0)
			.trackTotalHits(t -> t.enabled(true))
			.query(filter.query())
			.aggregations("severity", a -> a.terms(t -> t.field("severity").size(Severity.values().length)))
			.aggregations("status", a -> a.terms(t -> t.field("status").size(FindingStatus.values().length)))
			// Types are a bounded catalogue (posture types plus one per detector).
			.aggregations("type", a -> a.terms(t -> t.field("typeId").size(1000))), Void.class)).map(response -> {
				Map<String, Long> severities = counts(
						response.aggregations().get("severity").sterms().buckets().array());
				Map<String, Long> statuses = counts(response.aggregations().get("status").sterms().buckets().array());
				List<FindingCounts.SeverityCount> bySeverity = new ArrayList<>();
				for (Severity severity : Severity.values()) {
					bySeverity
						.add(new FindingCounts.SeverityCount(severity, severities.getOrDefault(severity.name(), 0L)));
				}
				List<FindingCounts.StatusCount> byStatus = new ArrayList<>();
				for (FindingStatus status : FindingStatus.values()) {
					byStatus.add(new FindingCounts.StatusCount(status, statuses.getOrDefault(status.name(), 0L)));
				}
				List<FindingCounts.TypeCount> byType = response.aggregations()
					.get("type")
					.sterms()
					.buckets()
					.array()
					.stream()
					.map(b -> new FindingCounts.TypeCount(b.key(), b.docCount()))
					.toList();
				return new FindingCounts(response.hits().total().value(), bySeverity, byStatus, byType);
			});
	}

	private static Map<String, Long> counts(List<StringTermsBucket> buckets) {
		Map<String, Long> map = new HashMap<>();
		buckets.forEach(b -> map.put(b.key(), b.docCount()));
		return map;
	}

}
