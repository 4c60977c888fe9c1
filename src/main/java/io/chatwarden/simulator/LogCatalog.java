package io.chatwarden.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import tools.jackson.databind.node.ObjectNode;

/**
 * The log files the simulated Compliance Logs Platform serves, per event type, ordered by
 * end time. {@code CONVERSATION_MESSAGE} files hold the messages of a block of
 * conversations, generated when the file is read; the other types hold a day of
 * {@link LogScenario} events each.
 */
final class LogCatalog {

	/** Conversations per {@code CONVERSATION_MESSAGE} file. */
	static final int CONVERSATIONS_PER_FILE = 20;

	private final Map<String, List<LogFile>> files = new LinkedHashMap<>();

	private final Map<String, LogFile> byId = new LinkedHashMap<>();

	LogCatalog(SimulatedWorkspace workspace) {
		Instant now = workspace.generatedAt().truncatedTo(ChronoUnit.SECONDS);
		List<LogFile> messages = new ArrayList<>();
		int count = workspace.properties().conversations();
		Instant first = now.minus(Duration.ofDays(20));
		for (int from = 0, k = 0; from < count; from += CONVERSATIONS_PER_FILE, k++) {
			int start = from;
			int end = Math.min(count, from + CONVERSATIONS_PER_FILE);
			messages.add(new LogFile("logfile-msg-" + k, "CONVERSATION_MESSAGE", first.plus(Duration.ofMinutes(k + 1)),
					end - start, () -> messageEvents(workspace, start, end)));
		}
		add("CONVERSATION_MESSAGE", messages);
		Map<String, TreeMap<Instant, List<ObjectNode>>> days = new LinkedHashMap<>();
		for (ObjectNode event : LogScenario.events(workspace.workspaceId(), workspace.directory.users, now)) {
			Instant end = Instant.parse(event.get("timestamp").asString())
				.truncatedTo(ChronoUnit.DAYS)
				.plus(1, ChronoUnit.DAYS);
			days.computeIfAbsent(event.get("type").asString(), (t) -> new TreeMap<>())
				.computeIfAbsent(end, (e) -> new ArrayList<>())
				.add(event);
		}
		days.forEach((type, byDay) -> {
			List<LogFile> list = new ArrayList<>();
			byDay.forEach((end, events) -> list.add(new LogFile("logfile-" + type.toLowerCase() + "-" + list.size(),
					type, end, events.size(), () -> List.copyOf(events))));
			add(type, list);
		});
	}

	private void add(String type, List<LogFile> list) {
		this.files.put(type, List.copyOf(list));
		list.forEach((file) -> this.byId.put(file.id(), file));
	}

	/**
	 * Files of a type ending at or after {@code after} (so the file ending exactly there
	 * comes again), at most {@code limit} besides that boundary file.
	 */
	Page list(String type, Instant after, int limit) {
		List<LogFile> all = this.files.getOrDefault(type, List.of());
		List<LogFile> page = new ArrayList<>();
		int fresh = 0;
		boolean more = false;
		for (LogFile file : all) {
			if (file.endTime().isBefore(after)) {
				continue;
			}
			boolean boundary = file.endTime().equals(after);
			if (!boundary && fresh == limit) {
				more = true;
				break;
			}
			page.add(file);
			fresh += boundary ? 0 : 1;
		}
		return new Page(page, more);
	}

	LogFile file(String id) {
		return this.byId.get(id);
	}

	/** Every file of a type, oldest first. */
	List<LogFile> files(String type) {
		return this.files.getOrDefault(type, List.of());
	}

	private static List<ObjectNode> messageEvents(SimulatedWorkspace workspace, int from, int to) {
		List<ObjectNode> events = new ArrayList<>();
		for (int i = from; i < to; i++) {
			events.addAll(MessageEvents.of(workspace.render(i, false), workspace.workspaceId()));
		}
		return events;
	}

	/** One JSONL file: its events are produced when it is read. */
	record LogFile(String id, String eventType, Instant endTime, int size, Supplier<List<ObjectNode>> events) {

		List<ObjectNode> read() {
			return this.events.get();
		}

	}

	/** A page of the listing. */
	record Page(List<LogFile> files, boolean hasMore) {
	}

}
