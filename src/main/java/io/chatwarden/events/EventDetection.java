package io.chatwarden.events;

import java.time.Instant;

/**
 * A condition found in the events index: what a finding is made of.
 *
 * @param typeId the finding type (see {@link EventDetector#typeId()})
 * @param resourceType {@code user}, {@code setting} or {@code actor}
 * @param resourceId the user's email, the setting's name, or the actor (email or redacted
 * key)
 * @param detail a human sentence with the specifics (roles, country, …)
 * @param firstSeenAt the earliest event behind it
 * @param lastSeenAt the latest event behind it
 * @param eventIds the events behind it (at most a few)
 */
public record EventDetection(String typeId, String resourceType, String resourceId, String detail, Instant firstSeenAt,
		Instant lastSeenAt, java.util.List<String> eventIds) {
}
