package io.chatwarden.simulator;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.chatwarden.simulator.SimulatedWorkspace.Change;
import tools.jackson.databind.node.ObjectNode;

/**
 * The log files the simulated Compliance Logs Platform serves, per event type, ordered by
 * end time. {@code CONVERSATION_MESSAGE} files hold the messages of a block of
 * conversations, generated when the file is read, then one file per later change (a
 * conversation added or a message appended); the other types hold a day of
 * {@link LogScenario} events each. Delivery is at least once, as on the real platform:
 * every file after the first of its type starts with the last event of the file before it
 * (same {@code event_id}). A file is generated once, when first listed or read, and then
 * kept in {@link SignedStorage} like an uploaded blob.
 */
final class LogCatalog {

	/** Conversations per {@code CONVERSATION_MESSAGE} file. */
	static final int CONVERSATIONS_PER_FILE = 20;

	static final String MESSAGES = "CONVERSATION_MESSAGE";

	/** The event types the platform knows; others are a 400. */
	static final java.util.Set<String> TYPES = java.util.Set.of(MESSAGES, "AUDIT_LOG", "AUTH_LOG", "APP_LOG",
			"APP_AUTH_LOG", "CODEX_LOG", "CODEX_SECURITY_LOG", "CUSTOM_AGENTS_LOG", "COSTS", "APP_ORGANIZATION_LOG",
			"APP_AUTH_ORGANIZATION_LOG", "CHATGPT_PLUGIN_LOG", "MEMORY_CONTEXT");

	private final Map<String, List<LogFile>> files = new LinkedHashMap<>();

	private final Map<String, LogFile> byId = new ConcurrentHashMap<>();

	private final Map<Integer, LogFile> changeFiles = new ConcurrentHashMap<>();

	private final SimulatedWorkspace workspace;

	private final SignedStorage storage;

	/**
	 * @param storage where a file's bytes are kept once generated
	 * @param productKey the redacted id of the key the product lists with: its own
	 * listings appear in the audit feed
	 */
	LogCatalog(SimulatedWorkspace workspace, SignedStorage storage, String productKey) {
		this.workspace = workspace;
		this.storage = storage;
		Instant now = workspace.generatedAt().truncatedTo(ChronoUnit.SECONDS);
		List<LogFile> messages = new ArrayList<>();
		int count = workspace.properties().conversations();
		Instant first = now.minus(Duration.ofDays(20));
		for (int from = 0, k = 0; from < count; from += CONVERSATIONS_PER_FILE, k++) {
			int start = from;
			int end = Math.min(count, from + CONVERSATIONS_PER_FILE);
			messages.add(new LogFile(storage, id(MESSAGES, k), MESSAGES, first.plus(Duration.ofMinutes(k + 1)),
					() -> messageEvents(start, end)));
		}
		add(MESSAGES, messages);
		Map<String, TreeMap<Instant, List<ObjectNode>>> days = new LinkedHashMap<>();
		for (ObjectNode event : LogScenario.events(workspace.workspaceId(), workspace.directory.users, now,
				productKey)) {
			Instant end = Instant.parse(event.get("timestamp").asString())
				.truncatedTo(ChronoUnit.DAYS)
				.plus(1, ChronoUnit.DAYS);
			days.computeIfAbsent(event.get("type").asString(), (t) -> new TreeMap<>())
				.computeIfAbsent(end, (e) -> new ArrayList<>())
				.add(event);
		}
		days.forEach((type, byDay) -> {
			List<LogFile> list = new ArrayList<>();
			List<ObjectNode> previous = null;
			for (Map.Entry<Instant, List<ObjectNode>> day : byDay.entrySet()) {
				List<ObjectNode> events = new ArrayList<>();
				if (previous != null) {
					events.add(previous.get(previous.size() - 1));
				}
				events.addAll(day.getValue());
				List<ObjectNode> served = List.copyOf(events);
				list.add(new LogFile(storage, id(type, list.size()), type, day.getKey(), () -> served));
				previous = day.getValue();
			}
			add(type, list);
		});
	}

	private static String id(String type, int k) {
		return "eclf_" + Integer.toHexString(type.hashCode() & 0xfffffff) + "_" + k;
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
		List<LogFile> page = new ArrayList<>();
		int fresh = 0;
		boolean more = false;
		for (LogFile file : files(type)) {
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

	/** Every file of a type, oldest first, the changes' files included. */
	List<LogFile> files(String type) {
		List<LogFile> base = this.files.getOrDefault(type, List.of());
		if (!MESSAGES.equals(type)) {
			return base;
		}
		List<Change> changes = this.workspace.changes();
		if (changes.isEmpty()) {
			return base;
		}
		List<LogFile> all = new ArrayList<>(base);
		for (int c = 0; c < changes.size(); c++) {
			Change change = changes.get(c);
			int ordinal = c;
			all.add(this.changeFiles.computeIfAbsent(c, (k) -> {
				LogFile file = new LogFile(this.storage, id(MESSAGES, 100_000 + ordinal), MESSAGES,
						change.at().truncatedTo(ChronoUnit.MILLIS).plusMillis(1), () -> changeEvents(change));
				this.byId.put(file.id(), file);
				return file;
			}));
		}
		return all;
	}

	private List<ObjectNode> messageEvents(int from, int to) {
		List<ObjectNode> events = new ArrayList<>();
		if (from > 0) {
			// At least once: the previous file's last event comes again.
			List<ObjectNode> previous = conversationEvents(from - 1, 0);
			events.add(previous.get(previous.size() - 1));
		}
		for (int i = from; i < to; i++) {
			events.addAll(conversationEvents(i, 0));
		}
		return events;
	}

	/** An added conversation whole, or the one message a touch appended. */
	private List<ObjectNode> changeEvents(Change change) {
		List<ObjectNode> events = conversationEvents(change.index(), change.touches());
		return (change.touches() == 0) ? events : List.of(events.get(events.size() - 1));
	}

	private List<ObjectNode> conversationEvents(int index, int touches) {
		return MessageEvents.of(this.workspace.renderAsOf(index, touches), this.workspace.workspaceId());
	}

	/**
	 * One JSONL file: its events are produced when it is read; the first listing or
	 * download stores its bytes (with their size and sha256) in storage, from which every
	 * later download is sent.
	 */
	static final class LogFile {

		private final SignedStorage storage;

		private final String id;

		private final String eventType;

		private final Instant endTime;

		private final Supplier<List<ObjectNode>> events;

		private volatile Stored stored;

		LogFile(SignedStorage storage, String id, String eventType, Instant endTime,
				Supplier<List<ObjectNode>> events) {
			this.storage = storage;
			this.id = id;
			this.eventType = eventType;
			this.endTime = endTime;
			this.events = events;
		}

		String id() {
			return this.id;
		}

		String eventType() {
			return this.eventType;
		}

		Instant endTime() {
			return this.endTime;
		}

		/** The first {@code CONVERSATION_MESSAGE} file (where a malformed line goes). */
		boolean first() {
			return MESSAGES.equals(this.eventType) && this.id.endsWith("_0");
		}

		String fileName() {
			return this.eventType + "_" + this.endTime + ".jsonl";
		}

		List<ObjectNode> read() {
			return this.events.get();
		}

		/** The file's bytes, generated anew: one JSON object per line. */
		byte[] bytes() {
			// Written as UTF-8 straight away: a string per event would be made,
			// copied and encoded again.
			ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
			for (ObjectNode event : read()) {
				out.writeBytes(Json.bytes(event));
				out.write('\n');
			}
			return out.toByteArray();
		}

		Digest digest() {
			return stored().digest();
		}

		/** The stored blob, generated and stored by the first caller. */
		SignedStorage.Content content() {
			return stored().content();
		}

		private Stored stored() {
			Stored current = this.stored;
			if (current == null) {
				synchronized (this) {
					current = this.stored;
					if (current == null) {
						byte[] bytes = bytes();
						current = new Stored(Digest.of(bytes), this.storage.store("application/jsonl", bytes));
						this.stored = current;
					}
				}
			}
			return current;
		}

		private record Stored(Digest digest, SignedStorage.Content content) {
		}

		static String sha256(byte[] bytes) {
			try {
				return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** Size in bytes and hex sha256 of a file's content. */
	record Digest(long size, String sha256) {

		static Digest of(byte[] bytes) {
			return new Digest(bytes.length, LogFile.sha256(bytes));
		}

	}

	/** A page of the listing. */
	record Page(List<LogFile> files, boolean hasMore) {
	}

}
