package io.chatwarden.findings;

import java.time.Instant;
import java.util.List;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * Who a finding concerns and when its underlying thing happened, read from the documents
 * behind a composite bucket: a sub-aggregation carries the newest document's user and
 * time fields, so no rule needs another request.
 *
 * @param userFields fields naming the user, the first present wins
 * @param timeFields fields holding the time, the first present wins (a key's last use,
 * then its creation)
 */
record Concerning(List<String> userFields, List<String> timeFields) {

	static final String AGGREGATION = "concerning";

	static final Concerning GPT = new Concerning(List.of("ownerEmail"), List.of("createdAt"));

	static final Concerning KEY = new Concerning(List.of("ownerEmail", "ownerName"),
			List.of("lastUsedAt", "createdAt"));

	static final Concerning INVITE = new Concerning(List.of("email"), List.of("createdAt"));

	static final Concerning USER = new Concerning(List.of("email"), List.of("createdAt"));

	/** A DLP match: the conversation's user and the newest matching message. */
	static final Concerning MESSAGE = new Concerning(List.of("userEmail"), List.of("createdAt"));

	/** What each index's findings concern. */
	static Concerning forIndex(String logicalIndex) {
		return switch (logicalIndex) {
			case io.chatwarden.store.Indices.GPTS -> GPT;
			case io.chatwarden.store.Indices.ADMIN_KEYS, io.chatwarden.store.Indices.PROJECT_KEYS -> KEY;
			case io.chatwarden.store.Indices.INVITES -> INVITE;
			default -> USER;
		};
	}

	/** The newest document of the bucket, with only the fields read here. */
	Aggregation aggregation() {
		List<String> fields = new java.util.ArrayList<>(this.userFields);
		fields.addAll(this.timeFields);
		String newest = this.timeFields.get(0);
		return Aggregation.of(a -> a.topHits(t -> t.size(1)
			.source(s -> s.filter(f -> f.includes(fields)))
			.sort(s -> s.field(f -> f.field(newest)
				.order(org.opensearch.client.opensearch._types.SortOrder.Desc)
				.missing(org.opensearch.client.opensearch._types.FieldValue.of("_last"))))));
	}

	/** The observation, saying whom it concerns and when. */
	Observation apply(Observation seen, CompositeBucket bucket) {
		var aggregate = bucket.aggregations().get(AGGREGATION);
		if (aggregate == null || !aggregate.isTopHits() || aggregate.topHits().hits().hits().isEmpty()) {
			return seen;
		}
		Hit<JsonData> hit = aggregate.topHits().hits().hits().get(0);
		jakarta.json.JsonObject source = (hit.source() != null) ? hit.source().toJson().asJsonObject() : null;
		if (source == null) {
			return seen;
		}
		return seen.concerning(first(source, this.userFields), time(first(source, this.timeFields)));
	}

	private static String first(jakarta.json.JsonObject source, List<String> fields) {
		for (String field : fields) {
			if (source.containsKey(field) && source.get(field) instanceof jakarta.json.JsonString text
					&& !text.getString().isBlank()) {
				return text.getString();
			}
		}
		return null;
	}

	private static Instant time(String value) {
		try {
			return (value == null) ? null : Instant.parse(value);
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

}
