package io.chatwarden.search;

import java.time.Instant;

import io.chatwarden.conversation.ConversationFilter;

/**
 * A search kept under a name, as stored in the saved-searches index.
 *
 * @param filter the filter, time range included, kept as given
 */
record SavedSearch(String id, String name, String query, ConversationFilter filter, SearchSort sort,
		Instant createdAt) {

	SearchSpec spec() {
		return new SearchSpec(this.query, this.filter, this.sort);
	}

}
