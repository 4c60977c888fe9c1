package io.chatwarden.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.files.FileGateway;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.store.SearchPages;
import io.chatwarden.system.Connection;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.MsearchRequest;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.msearch.RequestItem;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import static io.chatwarden.findings.Queries.all;
import static io.chatwarden.findings.Queries.term;
import static io.chatwarden.findings.Queries.terms;

/**
 * The pivots from findings: the conversations and matching messages behind many findings
 * at once, in one {@code _msearch} per field.
 */
@Component
class RelatedGateway {

	private static final List<SortOptions> RECENT_FIRST = List.of(
			SortOptions
				.of(s -> s.field(f -> f.field("lastActiveAt").order(SortOrder.Desc).missing(FieldValue.of("_last")))),
			SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Desc))));

	private static final List<SortOptions> READING_ORDER = List.of(
			SortOptions.of(s -> s.field(f -> f.field("conversationId").order(SortOrder.Asc))),
			SortOptions.of(s -> s.field(f -> f.field("position").order(SortOrder.Asc))),
			SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));

	private final OpenSearchAsyncClient client;

	private final Indices indices;

	RelatedGateway(OpenSearchAsyncClient client, Indices indices) {
		this.client = client;
		this.indices = indices;
	}

	Mono<Map<RelatedKey, Connection<ConversationDocument>>> conversations(Set<RelatedKey> keys) {
		String files = this.indices.alias(FileGateway.INDEX);
		return pages(keys, this.indices.conversations(), RECENT_FIRST, finding -> conversationQuery(finding, files),
				ConversationDocument.class);
	}

	Mono<Map<RelatedKey, Connection<MessageDocument>>> messages(Set<RelatedKey> keys) {
		return pages(keys, this.indices.messages(), READING_ORDER, RelatedGateway::messageQuery, MessageDocument.class);
	}

	/**
	 * GPT: conversations that used it; user: theirs; DLP: those with the match; a file:
	 * the conversation it was uploaded in, or those that used its GPT.
	 */
	static Query conversationQuery(FindingDocument finding, String filesIndex) {
		return switch (finding.resourceType()) {
			case "file" -> Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
				.should(s -> s.terms(t -> t.field("gptIds")
					.terms(v -> v.lookup(l -> l.index(filesIndex).id(finding.resourceId()).path("gptId")))))
				.should(s -> s.terms(t -> t.field("id")
					.terms(v -> v.lookup(l -> l.index(filesIndex).id(finding.resourceId()).path("conversationId")))))));
			case "gpt" -> term("gptIds", finding.resourceId());
			case "user" -> term("userId", finding.resourceId());
			case "conversation", "secret" ->
				finding.conversationIds().isEmpty() ? null : terms("id", finding.conversationIds());
			default -> null;
		};
	}

	static Query messageQuery(FindingDocument finding) {
		return switch (finding.resourceType()) {
			case "conversation" -> all(term("conversationId", finding.resourceId()),
					term("dlpDetectors", finding.typeId().substring(FindingCatalog.DLP_PREFIX.length())));
			case "secret" -> term("dlp.hash", finding.resourceId());
			default -> null;
		};
	}

	private <T> Mono<Map<RelatedKey, Connection<T>>> pages(Set<RelatedKey> keys, String index, List<SortOptions> sort,
			java.util.function.Function<FindingDocument, Query> queries, Class<T> type) {
		Map<RelatedKey, Connection<T>> result = new LinkedHashMap<>();
		List<RelatedKey> searched = new ArrayList<>();
		List<RequestItem> items = new ArrayList<>();
		for (RelatedKey key : keys) {
			Query query = queries.apply(key.finding());
			if (query == null) {
				result.put(key, Connection.empty());
				continue;
			}
			SearchRequest search = SearchPages.request(index, query, sort, key.page());
			searched.add(key);
			items.add(RequestItem.of(i -> i.header(h -> h.index(index))
				.body(b -> b.query(search.query())
					.sort(search.sort())
					.size(search.size())
					.searchAfter(search.searchAfter())
					.trackTotalHits(search.trackTotalHits()))));
		}
		if (items.isEmpty()) {
			return Mono.just(result);
		}
		return OpenSearchCalls.mono(() -> this.client.msearch(MsearchRequest.of(m -> m.searches(items)), type))
			.map(response -> {
				for (int i = 0; i < searched.size(); i++) {
					var item = response.responses().get(i);
					if (item.isFailure()) {
						throw new IllegalStateException("A related page failed: " + item.failure().error().reason());
					}
					var hits = item.result().hits();
					result.put(searched.get(i), SearchPages.connection(hits.hits(),
							hits.total() == null ? 0 : hits.total().value(), searched.get(i).page()));
				}
				return result;
			});
	}

}
