package io.chatwarden.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chatwarden.store.Indices;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * A user whose latest successful role change raised them to admin or owner (workspace
 * roles {@code account-admin}/{@code account-owner}, or plain
 * {@code admin}/{@code owner}). A later demotion resolves it; a blocked attempt never
 * counts.
 */
@Component
class RoleRaisedDetector implements EventDetector {

	private final OpenSearchAsyncClient client;

	private final String index;

	RoleRaisedDetector(OpenSearchAsyncClient client, Indices indices) {
		this.client = client;
		this.index = indices.alias(Indices.EVENTS);
	}

	@Override
	public String typeId() {
		return "user-role-raised";
	}

	@Override
	public String name() {
		return "User raised to admin or owner";
	}

	@Override
	public String severity() {
		return "HIGH";
	}

	@Override
	public Flux<EventDetection> detect(Instant now) {
		Query query = Query.of(q -> q.bool(b -> b.filter(EventFilter.terms("action", List.of("USER_ROLE_UPDATED")))
			.filter(f -> f.exists(e -> e.field("newRole")))
			.filter(f -> f.exists(e -> e.field("targetEmail")))
			.filter(LatestEvents.succeeded())));
		return CompositeScan
			.scan(this.client, this.index, query, List.of(Map.of("user", CompositeScan.terms("targetEmail"))),
					Map.of("latest", LatestEvents.latest()))
			.map(LatestEvents::latest)
			.filter(event -> rank(event.newRole()) >= 2 && rank(event.newRole()) > rank(event.oldRole()))
			.map(event -> new EventDetection(typeId(), "user", event.targetEmail(),
					event.targetEmail() + " was made " + event.newRole() + " (was "
							+ ((event.oldRole() != null) ? event.oldRole() : "unknown") + ") by " + event.actor(),
					event.timestamp(), event.timestamp(), List.of(event.eventId())));
	}

	/** 3 owner, 2 admin, 1 anything else. */
	static int rank(String role) {
		String value = (role != null) ? role.toLowerCase(Locale.ROOT) : "";
		return value.contains("owner") ? 3 : (value.contains("admin") ? 2 : 1);
	}

}
