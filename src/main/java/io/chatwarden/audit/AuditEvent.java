package io.chatwarden.audit;

import java.time.Instant;
import java.util.List;

/**
 * One look or change, as the append-only audit index keeps it. Each entry is sealed into
 * its writer's hash chain ({@code chain}, {@code seq}, {@code prevHash}, {@code hash}),
 * so a deleted, edited or inserted entry shows when the log is verified.
 *
 * @param actor who: a token name, a JWT subject, {@code bootstrap-admin} or
 * {@code local-demo-admin}
 * @param action what, e.g. {@code search}, {@code conversation.view},
 * {@code message.read}, {@code export.start}, {@code token.create}
 * @param target the id acted on, if any
 * @param query the search text, if any
 * @param resultCount how many results the caller received, if it applies
 * @param outcome ok, or error and why
 * @param filters the filters and other arguments of the action, as JSON
 * @param targets the ids read, when there are several (e.g. the conversations whose
 * message text was read)
 * @param chain the writer's chain id (one per application start)
 * @param seq the entry's place in its chain, from 0
 * @param prevHash the hash of the entry before it in the chain (for the first entry, the
 * newest entry of any chain when it started, or {@code genesis})
 * @param hash the keyed hash of this entry and {@code prevHash}
 */
public record AuditEvent(String id, Instant at, String actor, String actorKind, String tokenId, String role,
		String action, String target, String query, Long resultCount, String outcome, String filters,
		List<String> targets, String chain, Long seq, String prevHash, String hash) {

	AuditEvent sealed(String chain, long seq, String prevHash, String hash) {
		return new AuditEvent(this.id, this.at, this.actor, this.actorKind, this.tokenId, this.role, this.action,
				this.target, this.query, this.resultCount, this.outcome, this.filters, this.targets, chain, seq,
				prevHash, hash);
	}

}
