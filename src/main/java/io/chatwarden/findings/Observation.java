package io.chatwarden.findings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What one rule saw in one evaluation: a type holding for a resource.
 *
 * @param matchCount how many matches (messages, recipients…) stand behind it
 * @param conversationIds the conversations behind a DLP finding (empty for others)
 * @param userEmail the user it concerns (a conversation's user, a GPT's owner, an event's
 * subject), when known
 * @param occurredAt when the underlying thing happened (the matching message, the key's
 * last use or creation, the event), when known
 * @param eventIds the events behind it (event findings)
 */
record Observation(String typeId, String resourceType, String resourceId, String resourceName, String detail,
		long matchCount, List<String> conversationIds, String userEmail, Instant occurredAt, List<String> eventIds) {

	Observation {
		conversationIds = conversationIds == null ? List.of() : List.copyOf(conversationIds);
		eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
	}

	Observation(String typeId, String resourceType, String resourceId, String resourceName, String detail,
			long matchCount, List<String> conversationIds) {
		this(typeId, resourceType, resourceId, resourceName, detail, matchCount, conversationIds, null, null,
				List.of());
	}

	/** The same, saying whom it concerns and when it happened. */
	Observation concerning(String user, Instant when) {
		return new Observation(this.typeId, this.resourceType, this.resourceId, this.resourceName, this.detail,
				this.matchCount, this.conversationIds, user, when, this.eventIds);
	}

	/** The same about another id and name of its resource (who and when kept). */
	Observation withResource(String id, String name) {
		return new Observation(this.typeId, this.resourceType, id, name, this.detail, this.matchCount,
				this.conversationIds, this.userEmail, this.occurredAt, this.eventIds);
	}

	/** The same, naming the events behind it. */
	Observation fromEvents(List<String> events) {
		return new Observation(this.typeId, this.resourceType, this.resourceId, this.resourceName, this.detail,
				this.matchCount, this.conversationIds, this.userEmail, this.occurredAt, events);
	}

	static Observation of(String typeId, String resourceType, String resourceId, String resourceName) {
		return new Observation(typeId, resourceType, resourceId, resourceName, null, 1, List.of());
	}

	/** The stable id: the same type and resource always give the same finding. */
	String findingId() {
		return id(this.typeId, this.resourceType, this.resourceId);
	}

	static String id(String typeId, String resourceType, String resourceId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((typeId + "\n" + resourceType + "\n" + resourceId).getBytes(StandardCharsets.UTF_8));
			return "f-" + HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
