package io.chatwarden.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The state of the current and last sync run, shared by the worker (writes), the API and
 * the metrics (reads). Metrics: {@code chatwarden.sync.records} by resource and outcome,
 * {@code chatwarden.sync.running}.
 */
@Component
class SyncProgress {

	static final List<String> RESOURCES = List.of(Resources.USERS, Resources.GPTS, Resources.CONVERSATIONS,
			Resources.LOGS, Resources.ADMIN_KEYS, Resources.PROJECTS, Resources.PROJECT_KEYS, Resources.ORG_USERS,
			Resources.INVITES);

	private final Map<String, ResourceProgress> resources = new ConcurrentHashMap<>();

	private final AtomicBoolean running = new AtomicBoolean();

	private final MeterRegistry meters;

	private final Clock clock;

	private volatile Instant startedAt;

	private volatile Instant lastSuccessAt;

	private volatile String lastError;

	private volatile RunOutcome outcome;

	private volatile Instant nextRetryAt;

	/** The number of the current (or last) run. */
	private long run;

	/** What the run's counters looked like when last seen changing, and when. */
	private long activity;

	private Instant activeAt;

	private final Duration retention;

	SyncProgress(MeterRegistry meters, Clock clock, SyncProperties properties) {
		this.meters = meters;
		this.clock = clock;
		this.retention = properties.retentionWarning();
		RESOURCES.forEach(resource -> this.resources.put(resource, new ResourceProgress(resource)));
		Gauge.builder("chatwarden.sync.running", this.running, flag -> flag.get() ? 1 : 0)
			.description("1 while a sync runs")
			.register(meters);
	}

	/**
	 * Claims the single run slot: the run's number, or 0 when a run is already under way
	 * and still making progress. A run that made none for {@code stallAfter} is wedged:
	 * the slot goes to the new run, and whatever the old one does later changes nothing.
	 */
	long tryStart(Duration stallAfter) {
		synchronized (this.running) {
			Instant now = this.clock.instant();
			if (this.running.get()) {
				long fingerprint = fingerprint();
				if (fingerprint != this.activity) {
					this.activity = fingerprint;
					this.activeAt = now;
					return 0;
				}
				if (Duration.between(this.activeAt, now).compareTo(stallAfter) < 0) {
					return 0;
				}
			}
			this.running.set(true);
			this.startedAt = now;
			this.activeAt = now;
			this.activity = fingerprint();
			this.nextRetryAt = null;
			return ++this.run;
		}
	}

	/**
	 * Whether this run still holds the slot (a wedged run that was replaced does not).
	 */
	boolean current(long run) {
		return this.running.get() && this.run == run;
	}

	/**
	 * Ends a run: a success, partial when records were dead-lettered (never a plain
	 * success), or failed. Nothing happens when the run no longer holds the slot.
	 * @return whether it did
	 */
	boolean finish(long run, String error, long deadLetters) {
		synchronized (this.running) {
			if (!current(run)) {
				return false;
			}
			if (error == null && deadLetters == 0) {
				this.lastSuccessAt = this.clock.instant();
				this.lastError = null;
				this.outcome = RunOutcome.SUCCESS;
			}
			else if (error == null) {
				this.lastError = deadLetters + " record(s) could not be stored and were dead-lettered in this run;"
						+ " replay them with the replayDeadLetters mutation once the cause is fixed";
				this.outcome = RunOutcome.PARTIAL;
			}
			else {
				this.lastError = error;
				this.outcome = RunOutcome.FAILED;
			}
			this.running.set(false);
			return true;
		}
	}

	/** When the scheduler retries a failed run. */
	void retryAt(Instant at) {
		this.nextRetryAt = at;
	}

	RunOutcome outcome() {
		return this.outcome;
	}

	/** Records dead-lettered in the current (or last) run, over every resource. */
	long deadLetters() {
		Instant run = this.startedAt;
		return this.resources.values()
			.stream()
			.map((r) -> r.view(this.clock.instant()))
			// A resource skipped in this run still shows the counts of an earlier one.
			.filter((view) -> view.startedAt() != null && run != null && !view.startedAt().isBefore(run))
			.mapToLong(ResourceProgressView::failed)
			.sum();
	}

	private long fingerprint() {
		long sum = 0;
		for (ResourceProgress resource : this.resources.values()) {
			ResourceProgressView view = resource.view(this.clock.instant());
			sum = sum * 31 + view.fetched() + view.indexed() * 7 + view.failed() * 13 + view.state().ordinal();
		}
		return sum;
	}

	void restoreLastSuccess(Instant lastSuccessAt) {
		if (this.lastSuccessAt == null) {
			this.lastSuccessAt = lastSuccessAt;
		}
	}

	/** How a finished run ended. */
	enum RunOutcome {

		SUCCESS,

		/** Finished, but some records were dead-lettered. */
		PARTIAL, FAILED

	}

	ResourceProgress of(String resource) {
		return this.resources.get(resource);
	}

	void count(String resource, String outcome, long amount) {
		if (amount > 0) {
			Counter.builder("chatwarden.sync.records")
				.tag("resource", resource)
				.tag("outcome", outcome)
				.register(this.meters)
				.increment(amount);
		}
	}

	SyncStatus status() {
		Instant now = this.clock.instant();
		List<ResourceProgressView> views = RESOURCES.stream()
			.map(resource -> this.resources.get(resource).view(now))
			.toList();
		String shown;
		if (this.running.get()) {
			shown = views.stream().anyMatch((v) -> v.state() == SyncState.HELD) ? "HELD" : "RUNNING";
		}
		else {
			shown = (this.outcome != null) ? this.outcome.name() : null;
		}
		return new SyncStatus(this.running.get(), this.startedAt, this.lastSuccessAt, this.lastError, views,
				warnings(now), shown, this.running.get() ? null : this.nextRetryAt);
	}

	/**
	 * The Logs Platform keeps events about 30 days: a longer gap since the last success
	 * may have lost some (until a run succeeds again).
	 */
	private List<String> warnings(Instant now) {
		Instant last = this.lastSuccessAt;
		if (last == null || Duration.between(last, now).compareTo(this.retention) <= 0) {
			return List.of();
		}
		return List.of("The last successful sync was " + Duration.between(last, now).toDays()
				+ " days ago, longer than the " + this.retention.toDays()
				+ " days the Compliance Logs Platform keeps events: events from that gap may be lost.");
	}

}
