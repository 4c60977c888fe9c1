package io.chatwarden.search;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Aggregations that count conversations, not messages, over a message search: every count
 * is a cardinality of {@code conversationId} (exact up to {@value #PRECISION_THRESHOLD}
 * distinct conversations per bucket, a close estimate beyond).
 */
@Component
class SearchAggregations {

	static final int PRECISION_THRESHOLD = 40_000;

	static final int MAX_FACET_SIZE = 100;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	static ObjectNode conversationCount() {
		ObjectNode count = NODES.objectNode();
		count.putObject("cardinality").put("field", "conversationId").put("precision_threshold", PRECISION_THRESHOLD);
		return count;
	}

	void addFacets(ObjectNode aggs, int size) {
		aggs.set("users", terms("userEmail", size));
		aggs.set("gpts", terms("gptId", size));
		aggs.set("tools", terms("toolName", size));
		ObjectNode months = NODES.objectNode();
		months.putObject("date_histogram")
			.put("field", "conversationLastActiveAt")
			.put("calendar_interval", "month")
			.put("format", "yyyy-MM")
			.put("min_doc_count", 1);
		months.putObject("aggs").set("conversations", conversationCount());
		aggs.set("months", months);
	}

	private static ObjectNode terms(String field, int size) {
		ObjectNode terms = NODES.objectNode();
		ObjectNode body = terms.putObject("terms").put("field", field).put("size", size);
		body.putObject("order").put("conversations", "desc");
		terms.putObject("aggs").set("conversations", conversationCount());
		return terms;
	}

	SearchFacets readFacets(JsonNode aggs, long total) {
		return new SearchFacets(facet(aggs.path("users"), total), facet(aggs.path("gpts"), total),
				facet(aggs.path("tools"), total), facet(aggs.path("months"), total));
	}

	private static SearchFacets.Facet facet(JsonNode agg, long total) {
		List<SearchFacets.Bucket> buckets = new ArrayList<>();
		long sum = 0;
		for (JsonNode bucket : agg.path("buckets")) {
			long count = bucket.path("conversations").path("value").asLong();
			String value = bucket.has("key_as_string") ? bucket.path("key_as_string").asText()
					: bucket.path("key").asText();
			buckets.add(new SearchFacets.Bucket(value, count));
			sum += count;
		}
		return new SearchFacets.Facet(buckets, Math.max(0, total - sum));
	}

}
