package io.chatwarden.audit;

import java.time.Instant;

/**
 * One look or change, as the append-only audit index keeps it.
 *
 * @param actor who: a token name, a JWT subject, {@code bootstrap-admin} or
 * {@code local-demo-admin}
 * @param action what, e.g. {@code search}, {@code conversation.view}, {@code export},
 * {@code token.create}
 * @param target the id acted on, if any
 * @param query the search text, if any
 * @param resultCount how many results the caller received, if it applies
 */
public record AuditEvent(String id, Instant at, String actor, String actorKind, String tokenId, String role,
		String action, String target, String query, Long resultCount, String outcome) {
}
