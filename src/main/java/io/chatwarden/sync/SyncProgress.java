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

	/** Claims the single run slot; false when a run is already under way. */
	boolean tryStart() {
		if (!this.running.compareAndSet(false, true)) {
			return false;
		}
		this.startedAt = this.clock.instant();
		return true;
	}

	void finish(String error) {
		if (error == null) {
			this.lastSuccessAt = this.clock.instant();
			this.lastError = null;
		}
		else {
			this.lastError = error;
		}
		this.running.set(false);
	}

	void restoreLastSuccess(Instant lastSuccessAt) {
		if (this.lastSuccessAt == null) {
			this.lastSuccessAt = lastSuccessAt;
		}
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
		return new SyncStatus(this.running.get(), this.startedAt, this.lastSuccessAt, this.lastError,
				RESOURCES.stream().map(resource -> this.resources.get(resource).view(now)).toList(), warnings(now));
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
