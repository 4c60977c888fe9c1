package io.chatwarden.search;

import java.util.List;
import java.util.Objects;

import io.chatwarden.conversation.ConversationFilter;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * One conversation search: the investigator's text, the filter and the order.
 *
 * @param text what was typed (parsed by {@link QueryText}, never as Lucene)
 * @param filter narrowing by user, GPT, time, role, tool, DLP
 * @param sort the order of the results
 */
public record SearchSpec(String text, ConversationFilter filter, SearchSort sort) {

	public SearchSpec {
		text = (text == null) ? "" : text;
		filter = (filter == null) ? ConversationFilter.NONE : filter;
		sort = (sort == null) ? SearchSort.RELEVANCE : sort;
	}

	/** The message query: the parsed text, filtered. */
	public Query query() {
		Query parsed = QueryText.parse(this.text);
		List<Query> filters = this.filter.messageClauses();
		return Query.of(q -> q.bool(b -> b.must(parsed).filter(filters)));
	}

	/** Identifies the search in its cursors. */
	int fingerprint() {
		return Objects.hash(this.text, this.filter, this.sort);
	}

}
