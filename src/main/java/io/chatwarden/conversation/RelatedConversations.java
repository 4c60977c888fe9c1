package io.chatwarden.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.chatwarden.system.BadRequestException;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The same user's other conversations active within ±N days of a conversation: they
 * overlap the window from N days before it started to N days after it was last active.
 */
final class RelatedConversations {

	static final int MAX_DAYS = 365;

	private RelatedConversations() {
	}

	static int days(Integer days) {
		int value = (days == null) ? 7 : days;
		if (value < 0 || value > MAX_DAYS) {
			throw new BadRequestException("days must be between 0 and " + MAX_DAYS + ", was " + value);
		}
		return value;
	}

	static Query query(ConversationDocument conversation, int days) {
		Duration margin = Duration.ofDays(days);
		Instant start = (conversation.createdAt() != null) ? conversation.createdAt() : conversation.lastActiveAt();
		Instant end = (conversation.lastActiveAt() != null) ? conversation.lastActiveAt() : start;
		List<Query> filters = new ArrayList<>();
		String user = (conversation.userId() != null) ? conversation.userId() : "";
		filters.add(Query.of(q -> q.term(t -> t.field("userId").value(FieldValue.of(user)))));
		if (start != null) {
			filters.add(Query
				.of(q -> q.range(r -> r.field("lastActiveAt").gte(JsonData.of(start.minus(margin).toString())))));
			filters
				.add(Query.of(q -> q.range(r -> r.field("createdAt").lte(JsonData.of(end.plus(margin).toString())))));
		}
		Query self = Query.of(q -> q.ids(i -> i.values(conversation.id())));
		return Query.of(q -> q.bool(b -> b.filter(filters).mustNot(self)));
	}

}
