package io.chatwarden.events;

import java.time.Instant;

import io.chatwarden.conversation.ConversationDocument;

/**
 * One entry of a user's timeline: a conversation they started, or an event by or about
 * them; exactly one of the two is set.
 */
public record TimelineEntry(Instant at, String kind, ConversationDocument conversation, EventDocument event) {

	static TimelineEntry of(ConversationDocument conversation) {
		return new TimelineEntry(conversation.createdAt(), "CONVERSATION", conversation, null);
	}

	static TimelineEntry of(EventDocument event) {
		return new TimelineEntry(event.timestamp(), "EVENT", null, event);
	}

	String id() {
		return (this.conversation != null) ? this.conversation.id() : this.event.eventId();
	}

}
