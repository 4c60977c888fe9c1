package io.chatwarden.events;

import java.util.List;

/**
 * The event types and actions present in the data (for filter choices), with how many
 * events have each.
 */
record EventFacets(List<Bucket> types, List<Bucket> actions) {

	/** A value and its number of events. */
	record Bucket(String value, long count) {
	}

}
