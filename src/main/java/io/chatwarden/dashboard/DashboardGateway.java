package io.chatwarden.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatwarden.store.Indices;
import io.chatwarden.store.RawRequests;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Aggregation-only searches ({@code size: 0}) over conversations and messages. */
@Component
class DashboardGateway {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RawRequests requests;

	private final Indices indices;

	DashboardGateway(RawRequests requests, Indices indices) {
		this.requests = requests;
		this.indices = indices;
	}

	/**
	 * Conversations started and messages written per interval, in time order, empty
	 * intervals left out.
	 */
	Mono<List<Dashboard.ActivityPoint>> activity(Dashboard.ActivityInterval interval, Instant from, Instant to) {
		Mono<JsonNode> conversations = histogram(this.indices.conversations(), interval, from, to);
		Mono<JsonNode> messages = histogram(this.indices.messages(), interval, from, to);
		return Mono.zip(conversations, messages).map(both -> {
			Map<Long, long[]> points = new TreeMap<>();
			both.getT1()
				.forEach(b -> points.computeIfAbsent(b.path("key").asLong(), k -> new long[2])[0] = b.path("doc_count")
					.asLong());
			both.getT2()
				.forEach(b -> points.computeIfAbsent(b.path("key").asLong(), k -> new long[2])[1] = b.path("doc_count")
					.asLong());
			List<Dashboard.ActivityPoint> result = new ArrayList<>();
			points.forEach((start, counts) -> result
				.add(new Dashboard.ActivityPoint(Instant.ofEpochMilli(start), counts[0], counts[1])));
			return result;
		});
	}

	private Mono<JsonNode> histogram(String index, Dashboard.ActivityInterval interval, Instant from, Instant to) {
		ObjectNode body = body(from, to);
		body.putObject("aggs")
			.putObject("points")
			.putObject("date_histogram")
			.put("field", "createdAt")
			.put("calendar_interval", interval.calendar())
			.put("min_doc_count", 1);
		return search(index, body).map(aggs -> aggs.path("points").path("buckets"));
	}

	/** The largest values of a field, counting documents of the index. */
	Mono<List<Dashboard.CountBucket>> top(String logicalIndex, String field, int size, Instant from, Instant to) {
		ObjectNode body = body(from, to);
		body.putObject("aggs").putObject("top").putObject("terms").put("field", field).put("size", size);
		return search(this.indices.alias(logicalIndex), body).map(aggs -> {
			List<Dashboard.CountBucket> buckets = new ArrayList<>();
			aggs.path("top")
				.path("buckets")
				.forEach(b -> buckets
					.add(new Dashboard.CountBucket(b.path("key").asText(), b.path("doc_count").asLong())));
			return buckets;
		});
	}

	private static ObjectNode body(Instant from, Instant to) {
		ObjectNode body = JSON.createObjectNode();
		body.put("size", 0);
		ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
		if (from != null || to != null) {
			ObjectNode range = filter.addObject().putObject("range").putObject("createdAt");
			if (from != null) {
				range.put("gte", from.toString());
			}
			if (to != null) {
				range.put("lte", to.toString());
			}
		}
		return body;
	}

	private Mono<JsonNode> search(String index, ObjectNode body) {
		return this.requests.send("POST", "/" + index + "/_search", body.toString()).map(response -> {
			try {
				return JSON.readTree(response.orFail("Dashboard aggregation").body()).path("aggregations");
			}
			catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
