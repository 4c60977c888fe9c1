package io.chatwarden.system;

import java.util.List;

/** A Relay-style page of results with the total number of matches. */
public record Connection<T>(long totalCount, List<Edge<T>> edges, PageInfo pageInfo) {

	public static <T> Connection<T> empty() {
		return new Connection<>(0, List.of(), new PageInfo(false, null));
	}

	/** One result and the cursor that continues after it. */
	public record Edge<T>(String cursor, T node) {
	}

	/** Whether more results follow, and the cursor to ask for them. */
	public record PageInfo(boolean hasNextPage, String endCursor) {
	}

}
