package io.chatwarden.directory;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Reads workspace users, org users, invites, projects and keys from OpenSearch. */
@Component
class DirectoryGateway {

	private final OpenSearchAsyncClient client;

	private final SearchPages pages;

	private final Indices indices;

	DirectoryGateway(OpenSearchAsyncClient client, SearchPages pages, Indices indices) {
		this.client = client;
		this.pages = pages;
		this.indices = indices;
	}

	/** Ascending on a field (missing last), then the id, so keyset paging is total. */
	static List<SortOptions> by(String field, SortOrder order) {
		return List.of(SortOptions.of(s -> s.field(f -> f.field(field).order(order).missing(FieldValue.of("_last")))),
				SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));
	}

	<T> Mono<Connection<T>> page(String logicalIndex, Query query, List<SortOptions> sort, PageRequest page,
			Class<T> type) {
		return this.pages.page(this.indices.alias(logicalIndex), query, sort, page, type);
	}

	Mono<WorkspaceUserDocument> user(String id) {
		return OpenSearchCalls
			.mono(() -> this.client.get(g -> g.index(this.indices.users()).id(id), WorkspaceUserDocument.class))
			.filter(response -> response.found())
			.map(response -> response.source());
	}

	/**
	 * Conversation count and last activity of several users in one aggregation over the
	 * conversations index.
	 */
	Mono<Map<String, UserActivity>> activity(List<String> userIds) {
		if (userIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		Query theirs = Query.of(q -> q
			.terms(t -> t.field("userId").terms(v -> v.value(userIds.stream().map(FieldValue::of).toList()))));
		return OpenSearchCalls.mono(
				() -> this.client.search(
						s -> s.index(this.indices.conversations())
							.size(0)
							.query(theirs)
							.aggregations("users",
									a -> a.terms(
											t -> t.field("userId").size(userIds.size()).include(i -> i.terms(userIds)))
										.aggregations("last", last -> last.max(m -> m.field("lastActiveAt")))),
						Void.class))
			.map(response -> {
				Map<String, UserActivity> result = new HashMap<>();
				response.aggregations().get("users").sterms().buckets().array().forEach(bucket -> {
					Double last = bucket.aggregations().get("last").max().value();
					Instant lastActive = (last == null || last.isInfinite()) ? null
							: Instant.ofEpochMilli(last.longValue());
					result.put(bucket.key(), new UserActivity(bucket.docCount(), lastActive));
				});
				return result;
			});
	}

}
