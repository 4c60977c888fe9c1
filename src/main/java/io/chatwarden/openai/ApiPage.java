package io.chatwarden.openai;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One page of a list endpoint, records kept as raw JSON so that a record which cannot be
 * mapped is dead-lettered on its own instead of failing the whole page.
 *
 * @param data the records of the page, in the order served
 * @param lastId the cursor for the next page ({@code last_id}, or the last record's id
 * when absent)
 * @param hasMore whether another page follows; the only end-of-list signal (pages can be
 * short)
 */
public record ApiPage(List<JsonNode> data, String lastId, boolean hasMore) {

	public ApiPage {
		data = List.copyOf(data);
	}

}
