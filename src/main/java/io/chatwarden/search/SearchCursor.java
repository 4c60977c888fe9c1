package io.chatwarden.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatwarden.system.BadRequestException;

/**
 * Where the next page of a search starts: the point in time the search reads (none after
 * a first page: the next page opens it), the search it belongs to, and its position.
 * OpenSearch refuses {@code search_after} with {@code collapse} unless both are on the
 * same field, so recency pages continue after the last conversation's sort values through
 * a keyset filter on the same point in time (what {@code search_after} would do), and
 * relevance pages by offset in the frozen point in time.
 *
 * @param pit the point-in-time id; null after a first page
 * @param search fingerprint of the query, filter and sort, so a cursor cannot continue
 * another search
 * @param offset conversations before the next page (relevance)
 * @param lastActiveAt the last conversation's sort value (recency; epoch millis)
 * @param conversationId the last conversation's id (recency)
 */
record SearchCursor(String pit, int search, int offset, Long lastActiveAt, String conversationId) {

	private static final ObjectMapper JSON = new ObjectMapper();

	String encode() {
		try {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SearchCursor decode(String cursor, int search) {
		SearchCursor decoded;
		try {
			decoded = JSON.readValue(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8),
					SearchCursor.class);
		}
		catch (IllegalArgumentException | IOException ex) {
			throw new BadRequestException("after is not a cursor returned by this search");
		}
		if (decoded.offset() < 0 || decoded.conversationId() == null) {
			throw new BadRequestException("after is not a cursor returned by this search");
		}
		if (decoded.search() != search) {
			throw new BadRequestException(
					"after belongs to another search: keep the query, filter and sort of the page it came from");
		}
		return decoded;
	}

}
