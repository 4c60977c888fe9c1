package io.chatwarden.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chatwarden.events.EventDocument;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import reactor.core.publisher.Flux;

import static io.chatwarden.findings.Queries.all;
import static io.chatwarden.findings.Queries.exists;
import static io.chatwarden.findings.Queries.term;

/**
 * {@code user-role-raised}: a user whose latest successful role change made them admin or
 * owner (workspace roles {@code account-admin}/{@code account-owner}, or plain
 * {@code admin}/{@code owner}) and more privileged than before. The live event carries
 * only {@code {user_id, new_role}}, and {@code /users} shows the role as it is now, so
 * "before" is the role the user's previous change gave them (or the event's old role,
 * where a feed still says it); when nothing earlier is known, a grant of a privileged
 * role counts. A later demotion resolves it; a blocked attempt never counts. One
 * composite bucket per target user, with its two newest changes as top hits.
 */
final class RoleRaisedRule implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(EventTypes.USER_ROLE_RAISED);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		Map<String, CompositeAggregationSource> sources = new LinkedHashMap<>();
		sources.put("user", Composites.terms("targetUserId", false));
		return EventUsers.resolve(context, context.composites()
			.pages(EventAggregations.events(context),
					all(term("action", "USER_ROLE_UPDATED"), exists("newRole"), exists("targetUserId"),
							EventAggregations.succeeded()),
					sources, Map.of("latest", lastTwo()), context.pageSize())
			.flatMapIterable(page -> page)
			.mapNotNull(RoleRaisedRule::raised));
	}

	private static Aggregation lastTwo() {
		return Aggregation.of(a -> a.topHits(t -> t.size(2)
			.sort(s -> s.field(f -> f.field("timestamp").order(SortOrder.Desc)))
			.sort(s -> s.field(f -> f.field("eventId").order(SortOrder.Desc)))));
	}

	private static Observation raised(CompositeBucket bucket) {
		var hits = bucket.aggregations().get("latest").topHits().hits().hits();
		EventDocument latest = hits.get(0).source().to(EventDocument.class);
		String before = (hits.size() > 1) ? hits.get(1).source().to(EventDocument.class).newRole() : latest.oldRole();
		int now = rank(latest.newRole());
		if (now < 2 || (before != null && now <= rank(before))) {
			return null;
		}
		String user = latest.targetUserId();
		String detail = ((latest.targetEmail() != null) ? latest.targetEmail() : user) + " was made " + latest.newRole()
				+ " (was " + ((before != null) ? before : "not known") + ") by " + latest.actor() + " at "
				+ latest.timestamp();
		return new Observation(EventTypes.USER_ROLE_RAISED, "user", user,
				(latest.targetEmail() != null) ? latest.targetEmail() : user, detail, 1, List.of());
	}

	/** 3 owner, 2 admin, 1 anything else. */
	static int rank(String role) {
		String value = (role != null) ? role.toLowerCase(Locale.ROOT) : "";
		return value.contains("owner") ? 3 : (value.contains("admin") ? 2 : 1);
	}

}
