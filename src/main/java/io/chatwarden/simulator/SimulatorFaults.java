package io.chatwarden.simulator;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults the simulator injects, switchable while it runs. Every fault is counter based,
 * never random, so a failing test replays the same way. Short pages are on by default, as
 * the real API serves them.
 */
public final class SimulatorFaults {

	private final AtomicLong requests = new AtomicLong();

	private volatile int rateLimitEvery;

	private volatile int retryAfterSeconds = 1;

	private volatile int serverErrorEvery;

	private volatile Duration latency = Duration.ZERO;

	private volatile boolean shortPages = true;

	private volatile boolean logsDisabled;

	private final AtomicLong downloadCuts = new AtomicLong();

	private final AtomicLong downloadSkips = new AtomicLong();

	private final AtomicLong staleFileUrls = new AtomicLong();

	private volatile int cutAfterLines;

	private final AtomicLong corruptions = new AtomicLong();

	private final AtomicLong expirations = new AtomicLong();

	private final Set<String> failingTypes = ConcurrentHashMap.newKeySet();

	private volatile String malformedLogLine;

	private final Set<Integer> malformed = ConcurrentHashMap.newKeySet();

	private final Set<Integer> redeliver = ConcurrentHashMap.newKeySet();

	/** Every n-th API request (counted from now) gets 429 with {@code Retry-After}. */
	public SimulatorFaults rateLimitEvery(int n, int retryAfterSeconds) {
		this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
		this.rateLimitEvery = Math.max(0, n);
		this.requests.set(0);
		return this;
	}

	/** Every n-th API request (counted from now) gets 500; 0 turns it off. */
	public SimulatorFaults serverErrorEvery(int n) {
		this.serverErrorEvery = Math.max(0, n);
		this.requests.set(0);
		return this;
	}

	/** Delay before every API response (never blocking a thread). */
	public SimulatorFaults latency(Duration latency) {
		this.latency = (latency == null || latency.isNegative()) ? Duration.ZERO : latency;
		return this;
	}

	/**
	 * Serves that conversation with a broken shape: even indices get
	 * {@code "messages":"oops"}, odd ones {@code "created_at":"yesterday"}.
	 */
	public SimulatorFaults malformedConversation(int index) {
		this.malformed.add(index);
		return this;
	}

	/**
	 * Serves that conversation again at the start of the page that follows the one
	 * holding it, as the real API does when a conversation is updated mid-listing.
	 */
	public SimulatorFaults redeliverConversation(int index) {
		this.redeliver.add(index);
		return this;
	}

	/** Pages shorter than {@code limit} while {@code has_more} stays true. */
	public SimulatorFaults shortPages(boolean on) {
		this.shortPages = on;
		return this;
	}

	/** Answers 404 on the Compliance Logs Platform, as where it is not enabled. */
	public SimulatorFaults logsDisabled(boolean disabled) {
		this.logsDisabled = disabled;
		return this;
	}

	/**
	 * Lets {@code skip} log file downloads through, then breaks the connection of the
	 * {@code count} after them once {@code afterLines} lines are sent.
	 */
	public SimulatorFaults interruptDownloads(int skip, int count, int afterLines) {
		this.cutAfterLines = Math.max(0, afterLines);
		this.downloadSkips.set(Math.max(0, skip));
		this.downloadCuts.set(Math.max(0, count));
		return this;
	}

	/**
	 * The next {@code count} file-content redirects point to signed URLs that have
	 * already expired, as a redirect read too late would.
	 */
	public SimulatorFaults staleFileUrls(int count) {
		this.staleFileUrls.set(Math.max(0, count));
		return this;
	}

	boolean nextFileUrlStale() {
		return this.staleFileUrls.getAndUpdate((n) -> Math.max(0, n - 1)) > 0;
	}

	/**
	 * The next {@code count} log file downloads serve other bytes than the listing's
	 * {@code file_sha256} says (same size).
	 */
	public SimulatorFaults corruptDownloads(int count) {
		this.corruptions.set(Math.max(0, count));
		return this;
	}

	/**
	 * The next {@code count} log file redirects point at signed URLs that have already
	 * expired (the file host answers 403), as when a download waited too long.
	 */
	public SimulatorFaults expireSignedUrls(int count) {
		this.expirations.set(Math.max(0, count));
		return this;
	}

	/** The listing of this event type answers 500, every time. */
	public SimulatorFaults failEventType(String type) {
		this.failingTypes.add(type);
		return this;
	}

	/**
	 * The first {@code CONVERSATION_MESSAGE} file gets one more line, this text, which is
	 * not JSON (its listed digest includes it). Null removes it.
	 */
	public SimulatorFaults malformedLogLine(String line) {
		this.malformedLogLine = line;
		return this;
	}

	/** Back to the defaults: no faults but short pages. */
	public SimulatorFaults reset() {
		this.rateLimitEvery = 0;
		this.retryAfterSeconds = 1;
		this.serverErrorEvery = 0;
		this.latency = Duration.ZERO;
		this.shortPages = true;
		this.malformed.clear();
		this.redeliver.clear();
		this.logsDisabled = false;
		this.downloadCuts.set(0);
		this.downloadSkips.set(0);
		this.staleFileUrls.set(0);
		this.corruptions.set(0);
		this.expirations.set(0);
		this.failingTypes.clear();
		this.malformedLogLine = null;
		this.requests.set(0);
		return this;
	}

	/** What to do with the next API request. */
	enum Verdict {

		PASS, RATE_LIMITED, SERVER_ERROR

	}

	Verdict nextRequest() {
		long n = this.requests.incrementAndGet();
		int rl = this.rateLimitEvery;
		if (rl > 0 && n % rl == 0) {
			return Verdict.RATE_LIMITED;
		}
		int se = this.serverErrorEvery;
		if (se > 0 && n % se == 0) {
			return Verdict.SERVER_ERROR;
		}
		return Verdict.PASS;
	}

	boolean logsDisabled() {
		return this.logsDisabled;
	}

	/** Lines the next download serves before its connection breaks; -1 for all. */
	int nextDownloadCut() {
		if (this.downloadSkips.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			return -1;
		}
		return (this.downloadCuts.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) ? this.cutAfterLines : -1;
	}

	boolean nextDownloadCorrupt() {
		return this.corruptions.getAndUpdate((n) -> Math.max(0, n - 1)) > 0;
	}

	boolean nextSignedUrlExpired() {
		return this.expirations.getAndUpdate((n) -> Math.max(0, n - 1)) > 0;
	}

	boolean failing(String eventType) {
		return this.failingTypes.contains(eventType);
	}

	String malformedLogLine() {
		return this.malformedLogLine;
	}

	int retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	Duration latency() {
		return this.latency;
	}

	boolean shortPages() {
		return this.shortPages;
	}

	boolean isMalformed(int index) {
		return this.malformed.contains(index);
	}

	Set<Integer> redelivered() {
		return Set.copyOf(this.redeliver);
	}

	/**
	 * How many of {@code limit} records a page serves: a little fewer, depending only on
	 * the cursor, so the same request always gets the same page.
	 */
	int pageSize(int limit, String cursor) {
		if (!this.shortPages || limit <= 1) {
			return limit;
		}
		int spread = limit / 3 + 1;
		int cut = 1 + (int) Math.floorMod(Seeds.mix((cursor == null) ? 7 : cursor.hashCode()), (long) spread);
		return Math.max(1, limit - cut);
	}

}
