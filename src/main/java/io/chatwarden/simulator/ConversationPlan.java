package io.chatwarden.simulator;

import java.time.Instant;
import java.util.List;

/**
 * The cheap, text-free facts about one conversation: enough to order, filter and count it
 * without generating its messages.
 *
 * @param updatedAt the hidden ordering key of {@code GET /conversations}
 * @param baseLastActiveAt when the generated messages end (touches come after)
 * @param baseMessages generated messages, before touches
 * @param touches when tests touched it; each touch appended one message
 * @param gptIndex index into the sorted GPT ids, or -1
 * @param projectSlot 0–2 for one of three ChatGPT projects, or -1
 */
record ConversationPlan(int index, String id, Instant createdAt, Instant baseLastActiveAt, Instant updatedAt,
		int baseMessages, List<Instant> touches, int userIndex, int gptIndex, int topicIndex, int projectSlot) {

	Instant lastActiveAt() {
		return this.touches.isEmpty() ? this.baseLastActiveAt : this.touches.get(this.touches.size() - 1);
	}

	int messageCount() {
		return this.baseMessages + this.touches.size();
	}

}
