package io.chatwarden.search;

import java.time.Instant;

import io.chatwarden.conversation.ConversationFilter;

/**
 * A search kept under a name, as stored in the saved-searches index.
 *
 * @param filter the filter, time range included, kept as given
 * @param owner the {@code Caller.key()} of who saved it: only they or an ADMIN may delete
 * it (none on searches saved before owners were kept: ADMIN only)
 */
record SavedSearch(String id, String name, String query, ConversationFilter filter, SearchSort sort, Instant createdAt,
		String owner) {

	SearchSpec spec() {
		return new SearchSpec(this.query, this.filter, this.sort);
	}

}
