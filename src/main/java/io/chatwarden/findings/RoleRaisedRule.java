package io.chatwarden.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chatwarden.events.EventDocument;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import reactor.core.publisher.Flux;

import static io.chatwarden.findings.Queries.all;
import static io.chatwarden.findings.Queries.exists;
import static io.chatwarden.findings.Queries.term;

/**
 * {@code user-role-raised}: a user whose latest successful role change raised them to
 * admin or owner (workspace roles {@code account-admin}/{@code account-owner}, or plain
 * {@code admin}/{@code owner}). A later demotion resolves it; a blocked attempt never
 * counts. One composite bucket per target user, with its newest change as a top hit.
 */
final class RoleRaisedRule implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(EventTypes.USER_ROLE_RAISED);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		Map<String, CompositeAggregationSource> sources = new LinkedHashMap<>();
		sources.put("user", Composites.terms("targetEmail", false));
		return EventUsers.resolve(context,
				context.composites()
					.pages(EventAggregations.events(context),
							all(term("action", "USER_ROLE_UPDATED"), exists("newRole"), exists("targetEmail"),
									EventAggregations.succeeded()),
							sources, Map.of("latest", EventAggregations.latest()), context.pageSize())
					.flatMapIterable(page -> page)
					.map(EventAggregations::latest)
					.filter(event -> rank(event.newRole()) >= 2 && rank(event.newRole()) > rank(event.oldRole()))
					.map(RoleRaisedRule::observation));
	}

	private static Observation observation(EventDocument event) {
		String detail = event.targetEmail() + " was made " + event.newRole() + " (was "
				+ ((event.oldRole() != null) ? event.oldRole() : "unknown") + ") by " + event.actor() + " at "
				+ event.timestamp();
		return new Observation(EventTypes.USER_ROLE_RAISED, "user", event.targetEmail(), event.targetEmail(), detail, 1,
				List.of())
			.concerning(event.targetEmail(), event.timestamp())
			.fromEvents(List.of(event.eventId()));
	}

	/** 3 owner, 2 admin, 1 anything else. */
	static int rank(String role) {
		String value = (role != null) ? role.toLowerCase(Locale.ROOT) : "";
		return value.contains("owner") ? 3 : (value.contains("admin") ? 2 : 1);
	}

}
