package io.chatwarden.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatwarden.store.Indices;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads which conversations used which tool, from the messages themselves: a tool's own
 * messages ({@code toolName}) and answers written with it ({@code toolsUsed}). One
 * aggregation request, made only when a search names a tool or asks for facets.
 */
@Component
class ToolConversations {

	/** Conversations per tool read at most (the cluster's default terms-query limit). */
	static final int MAX_CONVERSATIONS = 65_536;

	static final int MAX_TOOLS = 100;

	private final SearchJson json;

	private final Indices indices;

	ToolConversations(SearchJson json, Indices indices) {
		this.json = json;
		this.indices = indices;
	}

	/** Every tool in the data with its conversations. */
	Mono<ToolSets> all() {
		ObjectNode body = this.json.object();
		body.put("size", 0);
		body.put("track_total_hits", false);
		ObjectNode aggs = body.putObject("aggs");
		for (String field : List.of("toolName", "toolsUsed")) {
			ObjectNode byTool = aggs.putObject(field);
			byTool.putObject("terms").put("field", field).put("size", MAX_TOOLS);
			byTool.putObject("aggs")
				.putObject("conversations")
				.putObject("terms")
				.put("field", "conversationId")
				.put("size", MAX_CONVERSATIONS);
		}
		return this.json.search("/" + this.indices.messages() + "/_search", body).map(ToolConversations::read);
	}

	/** Only what a search needs: nothing when it names no tool. */
	Mono<ToolSets> forSearch(SearchSpec spec, boolean facets) {
		return (facets || !spec.namedTools().isEmpty()) ? all() : Mono.just(ToolSets.EMPTY);
	}

	/** The search's message query, its tool narrowing resolved. */
	Mono<Query> query(SearchSpec spec) {
		return forSearch(spec, false).map(spec::query);
	}

	private static ToolSets read(JsonNode response) {
		Map<String, Set<String>> byTool = new LinkedHashMap<>();
		Set<String> any = new LinkedHashSet<>();
		for (String field : List.of("toolName", "toolsUsed")) {
			for (JsonNode bucket : response.path("aggregations").path(field).path("buckets")) {
				Set<String> ids = byTool.computeIfAbsent(bucket.path("key").asText().toLowerCase(Locale.ROOT),
						tool -> new LinkedHashSet<>());
				for (JsonNode conversation : bucket.path("conversations").path("buckets")) {
					ids.add(conversation.path("key").asText());
				}
				any.addAll(ids);
			}
		}
		Map<String, List<String>> lists = new LinkedHashMap<>();
		byTool.forEach((tool, ids) -> lists.put(tool, new ArrayList<>(ids)));
		return new ToolSets(lists, new ArrayList<>(any));
	}

}
