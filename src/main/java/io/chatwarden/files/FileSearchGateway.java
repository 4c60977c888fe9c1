package io.chatwarden.files;

import java.util.ArrayList;
import java.util.List;

import io.chatwarden.search.QueryText;
import io.chatwarden.store.OpenSearchCalls;
import io.chatwarden.system.Connection.PageInfo;
import io.chatwarden.system.Cursors;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Searches file text with the conversation search's query syntax, best first, pages by
 * {@code search_after} on score and id.
 */
@Component
class FileSearchGateway {

	/** Highlighting reads at most this many characters of a file's text. */
	static final int MAX_ANALYZER_OFFSET = 1_000_000;

	private final OpenSearchAsyncClient client;

	private final FileGateway files;

	FileSearchGateway(OpenSearchAsyncClient client, FileGateway files) {
		this.client = client;
		this.files = files;
	}

	Mono<FileSearchConnection> search(String text, PageRequest page) {
		Query query = QueryText.parse(text);
		return OpenSearchCalls.mono(() -> this.client.search(s -> {
			s.index(this.files.index())
				.query(query)
				.size(page.first() + 1)
				.trackTotalHits(t -> t.enabled(true))
				.source(src -> src.filter(f -> f.excludes("text")))
				.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
				.sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
				.highlight(h -> h.maxAnalyzerOffset(MAX_ANALYZER_OFFSET)
					.preTags("<mark>")
					.postTags("</mark>")
					.fields("text", f -> f.fragmentSize(160).numberOfFragments(2)));
			if (page.after() != null) {
				s.searchAfter(Cursors.decode(page.after()));
			}
			return s;
		}, StoredFileDocument.class)).map(response -> {
			List<Hit<StoredFileDocument>> hits = response.hits().hits();
			List<FileSearchEdge> edges = new ArrayList<>();
			for (Hit<StoredFileDocument> hit : hits.subList(0, Math.min(hits.size(), page.first()))) {
				edges.add(new FileSearchEdge(Cursors.encode(hit.sort()), hit.source(),
						hit.highlight().getOrDefault("text", List.of())));
			}
			long total = (response.hits().total() == null) ? 0 : response.hits().total().value();
			String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
			return new FileSearchConnection(total, edges, new PageInfo(hits.size() > page.first(), end));
		});
	}

}
