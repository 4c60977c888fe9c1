package io.chatwarden.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

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

	/** The message query without tool narrowing (which needs {@link ToolSets}). */
	public Query query() {
		return query(ToolSets.EMPTY);
	}

	/**
	 * The message query: the parsed text, filtered. The tool filter means "the
	 * conversation used one of these tools", not "the message was written by it".
	 */
	Query query(ToolSets tools) {
		Query parsed = QueryText.parse(this.text, tools);
		ConversationFilter f = this.filter;
		List<Query> filters = new ArrayList<>(
				new ConversationFilter(f.userEmails(), f.gptIds(), f.from(), f.to(), f.roles(), null, f.hasDlpMatch())
					.messageClauses());
		if (f.tools() != null && !f.tools().isEmpty()) {
			filters.add(tools.conversationsUsingAny(f.tools()));
		}
		return Query.of(q -> q.bool(b -> b.must(parsed).filter(filters)));
	}

	/** The tools this search narrows by, in its filter or its text. */
	List<String> namedTools() {
		Set<String> named = new LinkedHashSet<>(QueryText.tools(this.text));
		if (this.filter.tools() != null) {
			this.filter.tools().forEach(tool -> named.add(tool.toLowerCase(Locale.ROOT)));
		}
		return List.copyOf(named);
	}

	/** Identifies the search in its cursors. */
	int fingerprint() {
		return Objects.hash(this.text, this.filter, this.sort);
	}

}
