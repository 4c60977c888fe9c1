package io.chatwarden.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

import io.chatwarden.simulator.GptState.Config;
import io.chatwarden.simulator.GptState.Tool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deterministic ChatGPT Enterprise workspace and OpenAI organization generated from the
 * properties' seed. Small lists (users, GPTs, keys) are built once; conversation
 * {@code i} is generated on demand from (seed, i), so a million-message workspace costs
 * no memory. Times are relative to the clock's now at construction.
 */
public final class SimulatedWorkspace {

	private static final long PLAN = 30;

	private static final long ID_MASK = 31;

	private static final Duration HISTORY = Duration.ofDays(120);

	/** Users without activity this recent are left dormant users' conversations. */
	private static final Duration RECENT = Duration.ofDays(45);

	private final SimulatorProperties properties;

	private final Clock clock;

	private final Instant generatedAt;

	private final long seed;

	private final int baseCount;

	private final long startMillis;

	private final long spanMillis;

	private final long idMask;

	final WorkspaceDirectory directory;

	final AdminDirectory admin;

	private final PlantedData planted;

	private final ConversationRenderer renderer;

	private volatile Mutations mutations = Mutations.NONE;

	private volatile long baseMessageSum = -1;

	public SimulatedWorkspace(SimulatorProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.generatedAt = clock.instant();
		this.seed = properties.seed();
		this.baseCount = properties.conversations();
		this.spanMillis = HISTORY.minusMinutes(10).toMillis();
		this.startMillis = this.generatedAt.toEpochMilli() - HISTORY.toMillis();
		this.idMask = Seeds.hash(this.seed, ID_MASK) & 0xFFFF_FFFF_FFFFL;
		this.directory = new WorkspaceDirectory(this.seed, properties.users(), properties.gpts(), this.generatedAt);
		this.admin = new AdminDirectory(this.seed, properties, this.generatedAt);
		this.planted = new PlantedData(this.seed);
		this.renderer = new ConversationRenderer(this.seed, properties.workspaceId());
	}

	public SimulatorProperties properties() {
		return this.properties;
	}

	public String workspaceId() {
		return this.properties.workspaceId();
	}

	/** The clock's now when the workspace was generated; every time is relative to it. */
	public Instant generatedAt() {
		return this.generatedAt;
	}

	Clock clock() {
		return this.clock;
	}

	/** Conversations served now, including ones added by tests. */
	public int conversationCount() {
		return this.baseCount + this.mutations.added.size();
	}

	public String conversationId(int index) {
		return plan(index).id();
	}

	/** The index a conversation id encodes, in O(1); empty for ids not served here. */
	public OptionalInt conversationIndex(String id) {
		if (id == null || id.length() != 36) {
			return OptionalInt.empty();
		}
		long encoded;
		try {
			encoded = Long.parseLong(id.substring(24), 16);
		}
		catch (NumberFormatException ex) {
			return OptionalInt.empty();
		}
		long index = encoded ^ this.idMask;
		if (index < 0 || index >= conversationCount() || !plan((int) index).id().equals(id)) {
			return OptionalInt.empty();
		}
		return OptionalInt.of((int) index);
	}

	/** Workspace user ids, ascending. */
	public List<String> userIds() {
		return this.directory.users.stream().map(SimUser::id).toList();
	}

	/**
	 * Active users given no conversation in the last 45 days (until a test adds some).
	 */
	public Set<String> dormantUserIds() {
		Set<String> ids = new LinkedHashSet<>();
		this.directory.users.stream().filter(SimUser::dormant).forEach((u) -> ids.add(u.id()));
		return ids;
	}

	/** GPT ids, ascending. */
	public List<String> gptIds() {
		return this.directory.gptIds;
	}

	/** Every planted secret and near-miss, with the message that holds it. */
	public List<PlantedSecret> plantedSecrets() {
		List<PlantedSecret> result = new ArrayList<>();
		for (PlantedData.Spec spec : this.planted.secrets) {
			if (spec.index() >= this.baseCount) {
				continue;
			}
			ObjectNode conversation = render(spec.index(), true);
			for (JsonNode message : conversation.get("messages").get("data")) {
				JsonNode content = message.get("content");
				if (content != null && content.isObject() && content.get("value").asString().contains(spec.value())) {
					result.add(new PlantedSecret(conversation.get("id").asString(), message.get("id").asString(),
							spec.kind(), spec.value()));
					break;
				}
			}
		}
		return List.copyOf(result);
	}

	/** Rare phrases and the conversations that hold them. */
	public List<Needle> needles() {
		return this.planted.needles.stream()
			.map((n) -> new Needle(n.phrase(), ids(n.indices()), ids(n.scattered())))
			.toList();
	}

	private List<String> ids(List<Integer> indices) {
		return indices.stream().filter((i) -> i < this.baseCount).map(this::conversationId).toList();
	}

	/** What the APIs serve right now. Message counts come from cheap draws, not text. */
	public ExpectedCounts expectedCounts() {
		Mutations m = this.mutations;
		long messages = baseMessageSum();
		for (int k = 0; k < m.added.size(); k++) {
			messages += plan(this.baseCount + k).baseMessages();
		}
		for (List<Instant> touches : m.touches.values()) {
			messages += touches.size();
		}
		int projectKeys = this.admin.projectKeys.values().stream().mapToInt(List::size).sum();
		return new ExpectedCounts(this.directory.users.size(), this.directory.gptIds.size(), conversationCount(),
				messages, this.admin.adminKeys.size(), this.admin.projects.size(), projectKeys,
				this.admin.orgUsers.size(), this.admin.invites.size());
	}

	private long baseMessageSum() {
		long sum = this.baseMessageSum;
		if (sum < 0) {
			sum = 0;
			for (int i = 0; i < this.baseCount; i++) {
				sum += messageCountDraw(i);
			}
			this.baseMessageSum = sum;
		}
		return sum;
	}

	/**
	 * Moves the conversation to "updated now" and appends one user message, so the next
	 * {@code since_timestamp} listing serves it again with one more message.
	 */
	public synchronized void touchConversation(int index) {
		checkIndex(index);
		Mutations m = this.mutations;
		Instant at = m.next(this.clock.instant());
		Map<Integer, List<Instant>> touches = new HashMap<>(m.touches);
		List<Instant> list = new ArrayList<>(touches.getOrDefault(index, List.of()));
		list.add(at);
		touches.put(index, List.copyOf(list));
		this.mutations = m.withEvent(index, at, m.added, touches);
	}

	/** Appends {@code n} new conversations, updated now. */
	public synchronized void addConversations(int n) {
		for (int k = 0; k < n; k++) {
			Mutations m = this.mutations;
			Instant at = m.next(this.clock.instant());
			List<Instant> added = new ArrayList<>(m.added);
			added.add(at);
			this.mutations = m.withEvent(this.baseCount + m.added.size(), at, List.copyOf(added), m.touches);
		}
	}

	/** Publishes a new configuration version of the GPT with exactly these tool types. */
	public void setGptTools(String gptId, List<String> toolTypes) {
		GptState gpt = gpt(gptId);
		synchronized (gpt) {
			Config latest = gpt.latest();
			Instant now = this.clock.instant();
			List<Tool> tools = new ArrayList<>();
			for (String type : toolTypes) {
				Tool existing = latest.tools().stream().filter((t) -> t.type().equals(type)).findFirst().orElse(null);
				if (existing != null) {
					tools.add(existing);
				}
				else if ("custom_action".equals(type)) {
					tools.add(Tool.action(now, "actions." + WorkspaceDirectory.DOMAIN, "none"));
				}
				else {
					tools.add(Tool.plain(type, now));
				}
			}
			int gptIndex = this.directory.gptIds.indexOf(gptId);
			String id = WorkspaceDirectory.configId(this.seed, 10_000 + gptIndex, gpt.versions());
			gpt.addConfig(latest.withTools(id, now, List.copyOf(tools)));
		}
	}

	public void setGptVisibility(String gptId, String visibility) {
		gpt(gptId).visibility(visibility);
	}

	GptState gpt(String gptId) {
		GptState gpt = this.directory.gpts.get(gptId);
		if (gpt == null) {
			throw new IllegalArgumentException("No GPT " + gptId);
		}
		return gpt;
	}

	private void checkIndex(int index) {
		if (index < 0 || index >= conversationCount()) {
			throw new IndexOutOfBoundsException("No conversation " + index);
		}
	}

	// --- generation -------------------------------------------------------------

	private int messageCountDraw(int index) {
		int mean = this.properties.meanMessagesPerConversation();
		return 3 + Seeds.rng(this.seed, PLAN, index).nextInt(2 * (mean - 3) + 1);
	}

	private long baseUpdatedMillis(int index) {
		// Double arithmetic: index * span overflows a long at large sizes; rounding keeps
		// it monotonic.
		return this.startMillis + (long) ((double) index * this.spanMillis / Math.max(1, this.baseCount));
	}

	/** The plan of conversation {@code index} as of now (touches included). */
	ConversationPlan plan(int index) {
		return plan(index, this.mutations);
	}

	private ConversationPlan plan(int index, Mutations m) {
		SplittableRandom r = Seeds.rng(this.seed, PLAN, index);
		int mean = this.properties.meanMessagesPerConversation();
		int count = 3 + r.nextInt(2 * (mean - 3) + 1);
		int userIndex = r.nextInt(this.directory.users.size());
		int recentPick = r.nextInt(this.directory.recentUsers.size());
		int gptIndex = (!this.directory.gptIds.isEmpty() && r.nextInt(4) == 0) ? r.nextInt(this.directory.gptIds.size())
				: -1;
		int topic = r.nextInt(TextCorpus.TOPICS.size());
		long durationSeconds = (r.nextInt(6) == 0) ? 3600 + r.nextLong(3 * 24 * 3600) : 60 + r.nextLong(3600);
		// Now and then the hidden update time runs far ahead of the last activity (a
		// migration).
		long lagMillis = (r.nextInt(40) == 0) ? Duration.ofDays(1 + r.nextInt(20)).toMillis() : r.nextLong(120_000);
		int projectSlot = (r.nextInt(20) == 0) ? r.nextInt(3) : -1;
		long idBits = r.nextLong();
		Instant updated;
		Instant lastActive;
		Instant created;
		if (index < this.baseCount) {
			updated = Instant.ofEpochMilli(baseUpdatedMillis(index));
			lastActive = updated.minusMillis(Math.min(lagMillis, updated.toEpochMilli() - this.startMillis));
			created = lastActive.minusSeconds(durationSeconds);
		}
		else {
			updated = m.added.get(index - this.baseCount);
			lastActive = updated;
			created = lastActive.minusSeconds(60 + durationSeconds % 1800);
		}
		SimUser user = this.directory.users.get(userIndex);
		boolean recent = updated.isAfter(this.generatedAt.minus(RECENT));
		if (recent && (!user.active() || user.dormant())) {
			userIndex = this.directory.recentUsers.get(recentPick);
		}
		List<Instant> touches = m.touches.getOrDefault(index, List.of());
		if (!touches.isEmpty()) {
			updated = touches.get(touches.size() - 1);
		}
		// Shaped like live ids (a constant 8 nibble, the index masked last), but with no
		// clock
		// in them: a restarted demo serves the same conversations under the same ids, so
		// its
		// copy is updated instead of doubled.
		char[] id = new char[36];
		hex(id, 0, 8, Seeds.hash(this.seed, index, 0x1dL));
		id[8] = '-';
		hex(id, 9, 4, idBits);
		id[13] = '-';
		id[14] = '8';
		hex(id, 15, 3, idBits >>> 16);
		id[18] = '-';
		hex(id, 19, 4, idBits >>> 28);
		id[23] = '-';
		hex(id, 24, 12, index ^ this.idMask);
		return new ConversationPlan(index, new String(id), created, lastActive, updated, count, touches, userIndex,
				gptIndex, topic, projectSlot);
	}

	/**
	 * Writes the low {@code digits} nibbles of {@code value}; String.format is too slow
	 * per row.
	 */
	private static void hex(char[] out, int from, int digits, long value) {
		for (int d = digits - 1; d >= 0; d--) {
			out[from + d] = Character.forDigit((int) (value & 0xF), 16);
			value >>>= 4;
		}
	}

	/** Renders one conversation as served by {@code GET /conversations}. */
	ObjectNode render(int index, boolean fileUrls) {
		return render(plan(index), fileUrls);
	}

	/**
	 * Renders a conversation as it was after its first {@code touches} touches (0: as
	 * generated or added), for log files that must not change once written.
	 */
	ObjectNode renderAsOf(int index, int touches) {
		Mutations m = this.mutations;
		Map<Integer, List<Instant>> truncated = new HashMap<>(m.touches);
		List<Instant> list = truncated.getOrDefault(index, List.of());
		truncated.put(index, List.copyOf(list.subList(0, Math.min(touches, list.size()))));
		return render(plan(index, new Mutations(m.added, truncated, m.eventIndex, m.eventTime, m.latestEvent)), false);
	}

	/** Every change since generation, in order: a conversation added, or touched. */
	List<Change> changes() {
		Mutations m = this.mutations;
		List<Change> changes = new ArrayList<>();
		Map<Integer, Integer> seen = new HashMap<>();
		for (int e = 0; e < m.eventIndex.size(); e++) {
			int index = m.eventIndex.get(e);
			int before = seen.getOrDefault(index, -1);
			boolean added = before < 0 && index >= this.baseCount;
			int touches = added ? 0 : Math.max(before, 0) + 1;
			seen.put(index, touches);
			changes.add(new Change(index, m.eventTime.get(e), touches));
		}
		return changes;
	}

	/**
	 * A conversation added ({@code touches} 0) or touched for the n-th time, at a time.
	 */
	record Change(int index, Instant at, int touches) {
	}

	private ObjectNode render(ConversationPlan plan, boolean fileUrls) {
		int index = plan.index();
		SimUser user = this.directory.users.get(plan.userIndex());
		String gptId = (plan.gptIndex() >= 0) ? this.directory.gptIds.get(plan.gptIndex()) : null;
		String plantedText = (index < this.baseCount) ? this.planted.texts.get(index) : null;
		return this.renderer.render(plan, user, gptId, plantedText, fileUrls, this.clock.instant());
	}

	// --- listing -------------------------------------------------------------------

	/**
	 * Position in the listing order (by hidden update time); touched ones move to the
	 * end.
	 */
	private long position(int index, Mutations m) {
		Integer event = m.latestEvent.get(index);
		return (event != null) ? this.baseCount + (long) event : index;
	}

	/** The conversation at a listing position, or -1 when that slot is stale. */
	private int indexAt(long position, Mutations m) {
		if (position < this.baseCount) {
			return m.latestEvent.containsKey((int) position) ? -1 : (int) position;
		}
		int event = (int) (position - this.baseCount);
		int index = m.eventIndex.get(event);
		return (m.latestEvent.get(index) == event) ? index : -1;
	}

	private long firstPositionSince(long sinceMillis, Mutations m) {
		int lo = 0;
		int hi = this.baseCount;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (baseUpdatedMillis(mid) >= sinceMillis) {
				hi = mid;
			}
			else {
				lo = mid + 1;
			}
		}
		if (lo < this.baseCount) {
			return lo;
		}
		for (int e = 0; e < m.eventTime.size(); e++) {
			if (m.eventTime.get(e).toEpochMilli() >= sinceMillis) {
				return this.baseCount + (long) e;
			}
		}
		return this.baseCount + (long) m.eventTime.size();
	}

	/**
	 * One page of {@code GET /conversations}: walks the listing from the cursor,
	 * generating plans only for the positions it visits.
	 * @param afterIndex the cursor conversation, or -1
	 * @param take records to serve (short pages pass fewer than {@code limit})
	 * @param redeliver conversations to serve again on the page after the one holding
	 * them
	 */
	ConversationPage listConversations(Long sinceSeconds, int afterIndex, int limit, int take, Set<String> userIds,
			Set<Integer> redeliver) {
		Mutations m = this.mutations;
		long end = this.baseCount + (long) m.eventIndex.size();
		long start;
		if (afterIndex >= 0) {
			start = position(afterIndex, m) + 1;
		}
		else if (sinceSeconds != null) {
			start = firstPositionSince(sinceSeconds * 1000, m);
		}
		else {
			start = 0;
		}
		List<ConversationPlan> items = new ArrayList<>();
		if (afterIndex >= 0) {
			for (int r : redeliver) {
				if (r >= 0 && r < conversationCount()) {
					long pr = position(r, m);
					if (pr < start && start - 1 < pr + limit && matches(r, userIds)) {
						items.add(plan(r, m));
					}
				}
			}
		}
		boolean hasMore = false;
		for (long p = start; p < end; p++) {
			int index = indexAt(p, m);
			if (index < 0 || !matches(index, userIds)) {
				continue;
			}
			if (items.size() >= take) {
				hasMore = true;
				break;
			}
			items.add(plan(index, m));
		}
		return new ConversationPage(items, hasMore);
	}

	private boolean matches(int index, Set<String> userIds) {
		return userIds.isEmpty() || userIds.contains(this.directory.users.get(plan(index).userIndex()).id());
	}

	/** A page of conversation plans. */
	record ConversationPage(List<ConversationPlan> items, boolean hasMore) {
	}

	/**
	 * Copy-on-write record of test mutations: conversations added, touches, and the
	 * events (add or touch) that put a conversation at the end of the listing.
	 */
	private record Mutations(List<Instant> added, Map<Integer, List<Instant>> touches, List<Integer> eventIndex,
			List<Instant> eventTime, Map<Integer, Integer> latestEvent) {

		static final Mutations NONE = new Mutations(List.of(), Map.of(), List.of(), List.of(), Map.of());

		/** Event times never go backwards, so the listing order stays sorted by time. */
		Instant next(Instant now) {
			Instant last = this.eventTime.isEmpty() ? Instant.EPOCH : this.eventTime.get(this.eventTime.size() - 1);
			return now.isBefore(last) ? last : now;
		}

		Mutations withEvent(int index, Instant at, List<Instant> added, Map<Integer, List<Instant>> touches) {
			List<Integer> indices = new ArrayList<>(this.eventIndex);
			indices.add(index);
			List<Instant> times = new ArrayList<>(this.eventTime);
			times.add(at);
			Map<Integer, Integer> latest = new HashMap<>(this.latestEvent);
			latest.put(index, indices.size() - 1);
			return new Mutations(added, Map.copyOf(touches), List.copyOf(indices), List.copyOf(times),
					Map.copyOf(latest));
		}

	}

}
