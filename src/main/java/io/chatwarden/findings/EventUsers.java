package io.chatwarden.findings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.directory.WorkspaceUserDocument;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static io.chatwarden.findings.Queries.any;
import static io.chatwarden.findings.Queries.terms;

/**
 * Events name users by email (or id); findings about users are keyed by the workspace
 * user id, like {@code user-inactive}, so that their id is the same whichever rule found
 * them and the pivot to the user's conversations works. Named by email. A user the
 * workspace does not (yet) list keeps the event's email or id.
 */
final class EventUsers {

	private static final int BATCH = 200;

	private EventUsers() {
	}

	/** Observations about users, each with the user's id and email; others unchanged. */
	static Flux<Observation> resolve(RuleContext context, Flux<Observation> observations) {
		return observations.buffer(BATCH).concatMap(batch -> {
			List<String> names = batch.stream()
				.filter(o -> "user".equals(o.resourceType()))
				.map(Observation::resourceId)
				.distinct()
				.toList();
			return lookup(context, names).flatMapIterable(users -> batch.stream().map(o -> {
				WorkspaceUserDocument user = "user".equals(o.resourceType()) ? users.get(o.resourceId()) : null;
				if (user == null) {
					return o;
				}
				Observation named = o.withResource(user.id(), (user.email() != null) ? user.email() : o.resourceName());
				// Live role events name the user by id only: the user it concerns is the
				// one
				// looked up.
				return (named.userEmail() == null && user.email() != null)
						? named.concerning(user.email(), named.occurredAt()) : named;
			}).toList());
		});
	}

	/** Users by email and by id; only the batch's users are read. */
	private static Mono<Map<String, WorkspaceUserDocument>> lookup(RuleContext context, List<String> names) {
		if (names.isEmpty()) {
			return Mono.just(Map.of());
		}
		return OpenSearchCalls
			.mono(() -> context.client()
				.search(s -> s.index(context.indices().alias(Indices.USERS))
					.size(names.size() * 2)
					.source(src -> src.filter(f -> f.includes("id", "email")))
					.query(any(terms("email", names), terms("id", names))), WorkspaceUserDocument.class))
			.map(response -> {
				Map<String, WorkspaceUserDocument> users = new HashMap<>();
				response.hits().hits().forEach(hit -> {
					WorkspaceUserDocument user = hit.source();
					if (user != null) {
						users.put(user.id(), user);
						if (user.email() != null) {
							users.put(user.email(), user);
						}
					}
				});
				return users;
			});
	}

}
