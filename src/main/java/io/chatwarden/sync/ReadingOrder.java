package io.chatwarden.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.openai.ComplianceMessage;

/**
 * Puts a conversation's messages in reading order. Messages form a tree through
 * {@code parent_id}; a depth-first walk from the roots, siblings by creation time, reads
 * each branch (a regenerated answer) after the one before it. Messages whose parent is
 * missing are treated as roots, so none is lost.
 */
final class ReadingOrder {

	private static final Comparator<ComplianceMessage> BY_TIME = Comparator.comparing(ComplianceMessage::createdAt,
			Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));

	private ReadingOrder() {
	}

	static List<ComplianceMessage> of(List<ComplianceMessage> messages) {
		Map<String, ComplianceMessage> byId = new LinkedHashMap<>();
		messages.forEach(message -> byId.putIfAbsent(message.id(), message));
		Map<String, List<ComplianceMessage>> children = new HashMap<>();
		List<ComplianceMessage> roots = new ArrayList<>();
		for (ComplianceMessage message : byId.values()) {
			if (message.parentId() != null && byId.containsKey(message.parentId())
					&& !message.parentId().equals(message.id())) {
				children.computeIfAbsent(message.parentId(), key -> new ArrayList<>()).add(message);
			}
			else {
				roots.add(message);
			}
		}
		List<ComplianceMessage> ordered = new ArrayList<>(byId.size());
		Set<String> seen = new HashSet<>();
		ArrayDequeWalker walker = new ArrayDequeWalker(children, ordered, seen);
		roots.stream().sorted(BY_TIME).forEach(walker::walk);
		// Cycles (a → b → a) have no root: append what the walk could not reach, in
		// served order.
		byId.values().stream().filter(message -> !seen.contains(message.id())).forEach(walker::walk);
		return ordered;
	}

	/**
	 * Iterative depth-first walk: long chats would overflow the stack if walked
	 * recursively.
	 */
	private record ArrayDequeWalker(Map<String, List<ComplianceMessage>> children, List<ComplianceMessage> ordered,
			Set<String> seen) {

		void walk(ComplianceMessage root) {
			java.util.ArrayDeque<ComplianceMessage> stack = new java.util.ArrayDeque<>();
			stack.push(root);
			while (!stack.isEmpty()) {
				ComplianceMessage message = stack.pop();
				if (!this.seen.add(message.id())) {
					continue;
				}
				this.ordered.add(message);
				List<ComplianceMessage> next = new ArrayList<>(this.children.getOrDefault(message.id(), List.of()));
				next.sort(BY_TIME.reversed());
				next.forEach(stack::push);
			}
		}

	}

}
