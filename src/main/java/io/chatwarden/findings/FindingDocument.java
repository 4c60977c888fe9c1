package io.chatwarden.findings;

import java.time.Instant;
import java.util.List;

/**
 * A finding as stored in the findings index: what it is about, and its lifecycle.
 *
 * @param occurrences how many evaluations have seen it
 * @param evaluationId the last evaluation that saw it (older ones resolve it)
 * @param userEmail the user it concerns, when known
 * @param occurredAt when the underlying thing happened (not when it was evaluated)
 * @param eventIds the events behind it
 */
public record FindingDocument(String id, String typeId, String category, Severity severity, int severityRank,
		FindingStatus status, String resourceType, String resourceId, String resourceName, String detail,
		long matchCount, List<String> conversationIds, Instant firstSeenAt, Instant lastSeenAt, Instant resolvedAt,
		long occurrences, String mutedBy, String muteReason, Instant mutedAt, String evaluationId, String userEmail,
		Instant occurredAt, List<String> eventIds) {

	public FindingDocument {
		conversationIds = conversationIds == null ? List.of() : List.copyOf(conversationIds);
		eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
	}

	/** A finding seen for the first time. */
	static FindingDocument opened(Observation seen, FindingType type, Instant now, String evaluationId) {
		return new FindingDocument(seen.findingId(), seen.typeId(), type.category(), type.severity(),
				type.severity().rank(), FindingStatus.OPEN, seen.resourceType(), seen.resourceId(), seen.resourceName(),
				seen.detail(), seen.matchCount(), seen.conversationIds(), now, now, null, 1, null, null, null,
				evaluationId, seen.userEmail(), seen.occurredAt(), seen.eventIds());
	}

	/**
	 * This finding seen again: a resolved one reopens, a muted one stays muted, and what
	 * it is about is refreshed.
	 */
	FindingDocument seenAgain(Observation seen, FindingType type, Instant now, String evaluationId) {
		FindingStatus next = this.status == FindingStatus.RESOLVED ? FindingStatus.OPEN : this.status;
		return new FindingDocument(this.id, this.typeId, type.category(), type.severity(), type.severity().rank(), next,
				this.resourceType, this.resourceId, seen.resourceName(), seen.detail(), seen.matchCount(),
				seen.conversationIds(), this.firstSeenAt, now, next == FindingStatus.OPEN ? null : this.resolvedAt,
				this.occurrences + 1, this.mutedBy, this.muteReason, this.mutedAt, evaluationId, seen.userEmail(),
				seen.occurredAt(), seen.eventIds());
	}

	boolean reopenedFrom(FindingDocument before) {
		return before.status == FindingStatus.RESOLVED && this.status == FindingStatus.OPEN;
	}

	FindingDocument muted(String by, String reason, Instant at) {
		return new FindingDocument(this.id, this.typeId, this.category, this.severity, this.severityRank,
				FindingStatus.MUTED, this.resourceType, this.resourceId, this.resourceName, this.detail,
				this.matchCount, this.conversationIds, this.firstSeenAt, this.lastSeenAt, this.resolvedAt,
				this.occurrences, by, reason, at, this.evaluationId, this.userEmail, this.occurredAt, this.eventIds);
	}

	/**
	 * Unmuted: open again (the next evaluation resolves it if its condition no longer
	 * holds).
	 */
	FindingDocument unmuted() {
		return new FindingDocument(this.id, this.typeId, this.category, this.severity, this.severityRank,
				FindingStatus.OPEN, this.resourceType, this.resourceId, this.resourceName, this.detail, this.matchCount,
				this.conversationIds, this.firstSeenAt, this.lastSeenAt, null, this.occurrences, null, null, null,
				this.evaluationId, this.userEmail, this.occurredAt, this.eventIds);
	}

}
