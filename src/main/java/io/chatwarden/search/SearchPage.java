package io.chatwarden.search;

import java.util.List;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.conversation.MessageDocument;
import io.chatwarden.system.Connection;

/**
 * A page of conversation search results (the {@code ConversationSearchConnection}).
 *
 * @param totalCount how many conversations match
 * @param edges this page's conversations with their best messages
 * @param pageInfo where the page stands
 * @param facets counts by user, GPT, tool and month; null unless asked for
 */
record SearchPage(long totalCount, List<Edge> edges, Connection.PageInfo pageInfo, SearchFacets facets) {

	/**
	 * A matching conversation, its best messages and their highlighted snippets.
	 *
	 * @param score the best message's relevance score (null when sorted by recency)
	 */
	record Edge(String cursor, ConversationDocument node, List<String> highlights,
			List<MessageDocument> matchedMessages, Double score) {
	}

}
