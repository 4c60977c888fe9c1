package io.chatwarden.search;

import io.chatwarden.conversation.ConversationFilter;

/** Inputs and payloads of the saved-search mutations. */
final class SavedSearchInputs {

	private SavedSearchInputs() {
	}

	/** {@code CreateSavedSearchInput}. */
	record CreateSavedSearchInput(String name, String query, ConversationFilter filter, SearchSort sort) {
	}

	/** {@code CreateSavedSearchPayload}. */
	record CreateSavedSearchPayload(SavedSearch savedSearch) {
	}

	/** {@code DeleteSavedSearchInput}. */
	record DeleteSavedSearchInput(String id) {
	}

	/** {@code DeleteSavedSearchPayload}. */
	record DeleteSavedSearchPayload(String deletedId) {
	}

}
