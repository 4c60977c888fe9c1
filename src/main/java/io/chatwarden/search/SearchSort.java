package io.chatwarden.search;

/** The order of search results. */
public enum SearchSort {

	/** Best-matching conversations first (score of their best message). */
	RELEVANCE,
	/** Most recently active conversations first. */
	RECENT

}
