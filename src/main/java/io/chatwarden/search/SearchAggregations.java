package io.chatwarden.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Aggregations that count conversations, not messages, over a message search: every count
 * is a cardinality of {@code conversationId} (exact up to {@value #PRECISION_THRESHOLD}
 * distinct conversations per bucket, a close estimate beyond). Each facet also counts the
 * matching conversations without a value ("none"), so that listed buckets, other and none
 * add up to the total.
 */
@Component
class SearchAggregations {

	static final int PRECISION_THRESHOLD = 40_000;

	static final int MAX_FACET_SIZE = 100;

	/** About this many bars in the result timeline, whatever its span. */
	static final int TIMELINE_BARS = 40;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final SearchJson json;

	SearchAggregations(SearchJson json) {
		this.json = json;
	}

	static ObjectNode conversationCount() {
		ObjectNode count = NODES.objectNode();
		count.putObject("cardinality").put("field", "conversationId").put("precision_threshold", PRECISION_THRESHOLD);
		return count;
	}

	void addFacets(ObjectNode aggs, int size, ToolSets tools) {
		aggs.set("users", terms("userEmail", size));
		aggs.set("users_none", missing("userEmail"));
		aggs.set("gpts", terms("gptId", size));
		aggs.set("gpts_none", missing("gptId"));
		ObjectNode byTool = aggs.putObject("tools");
		ObjectNode filters = byTool.putObject("filters").putObject("filters");
		tools.byTool().keySet().forEach(tool -> filters.set(tool, this.json.tree(tools.conversationsUsing(tool))));
		filters.set(ToolSets.NONE, this.json.tree(tools.conversationsUsing(ToolSets.NONE)));
		byTool.putObject("aggs").set("conversations", conversationCount());
		ObjectNode months = NODES.objectNode();
		months.putObject("date_histogram")
			.put("field", "conversationLastActiveAt")
			.put("calendar_interval", "month")
			.put("format", "yyyy-MM")
			.put("min_doc_count", 1);
		months.putObject("aggs").set("conversations", conversationCount());
		aggs.set("months", months);
		ObjectNode timeline = aggs.putObject("timeline");
		timeline.putObject("auto_date_histogram")
			.put("field", "conversationLastActiveAt")
			.put("buckets", TIMELINE_BARS)
			.put("format", "strict_date_time");
		timeline.putObject("aggs").set("conversations", conversationCount());
	}

	private static ObjectNode terms(String field, int size) {
		ObjectNode terms = NODES.objectNode();
		ObjectNode body = terms.putObject("terms").put("field", field).put("size", size);
		body.putObject("order").put("conversations", "desc");
		terms.putObject("aggs").set("conversations", conversationCount());
		return terms;
	}

	private static ObjectNode missing(String field) {
		ObjectNode none = NODES.objectNode();
		none.putObject("missing").put("field", field);
		none.putObject("aggs").set("conversations", conversationCount());
		return none;
	}

	SearchFacets readFacets(JsonNode aggs, long total) {
		return new SearchFacets(facet(aggs.path("users"), none(aggs.path("users_none")), total),
				facet(aggs.path("gpts"), none(aggs.path("gpts_none")), total), tools(aggs.path("tools")),
				facet(aggs.path("months"), 0, total), timeline(aggs.path("timeline")));
	}

	private static long none(JsonNode agg) {
		return agg.path("conversations").path("value").asLong();
	}

	private static SearchFacets.Facet facet(JsonNode agg, long none, long total) {
		List<SearchFacets.Bucket> buckets = new ArrayList<>();
		long sum = 0;
		for (JsonNode bucket : agg.path("buckets")) {
			long count = bucket.path("conversations").path("value").asLong();
			String value = bucket.has("key_as_string") ? bucket.path("key_as_string").asText()
					: bucket.path("key").asText();
			buckets.add(new SearchFacets.Bucket(value, count));
			sum += count;
		}
		long other = Math.max(0, total - sum - none);
		return new SearchFacets.Facet(buckets, other, Math.min(none, Math.max(0, total - sum)));
	}

	/**
	 * Tools: a conversation using several counts under each, so only "none" completes the
	 * total. Every tool of the data is listed (there are few), so none is "other".
	 */
	private static SearchFacets.Facet tools(JsonNode agg) {
		List<SearchFacets.Bucket> buckets = new ArrayList<>();
		long none = 0;
		for (Map.Entry<String, JsonNode> entry : agg.path("buckets").properties()) {
			long count = entry.getValue().path("conversations").path("value").asLong();
			if (ToolSets.NONE.equals(entry.getKey())) {
				none = count;
			}
			else if (count > 0) {
				buckets.add(new SearchFacets.Bucket(entry.getKey(), count));
			}
		}
		buckets.sort(Comparator.comparingLong(SearchFacets.Bucket::count)
			.reversed()
			.thenComparing(SearchFacets.Bucket::value));
		return new SearchFacets.Facet(buckets, 0, none);
	}

	private static SearchFacets.Timeline timeline(JsonNode agg) {
		List<SearchFacets.TimeBucket> buckets = new ArrayList<>();
		for (JsonNode bucket : agg.path("buckets")) {
			buckets.add(new SearchFacets.TimeBucket(Instant.ofEpochMilli(bucket.path("key").asLong()),
					bucket.path("conversations").path("value").asLong()));
		}
		return new SearchFacets.Timeline(agg.path("interval").asText(""), buckets);
	}

}
