package io.chatwarden.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.chatwarden.lease.Leases;
import io.chatwarden.store.TimePartitions;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs a sync at start-up and then every {@code chatwarden.sync.interval} after the
 * previous one ended (a failed one is retried sooner, with a backoff), and runs one on
 * request. Background runs are tracked and cancelled on shutdown; a cancelled run resumes
 * from its checkpoints next time. Every run holds the {@code sync} lease, so of several
 * instances on one cluster only one syncs, and the interval counts from the last run of
 * any instance.
 */
@Component
class SyncScheduler implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(SyncScheduler.class);

	private final SyncService sync;

	private final SyncProperties properties;

	private final Disposable.Composite runs = Disposables.composite();

	private final AtomicReference<Disposable> schedule = new AtomicReference<>();

	private final AtomicReference<Disposable> manual = new AtomicReference<>();

	private volatile boolean running = true;

	private final Leases leases;

	private final TimePartitions partitions;

	private final SyncRecoveryProperties recovery;

	private final SyncProgress progress;

	private final Clock clock;

	private final FailureLog failures = new FailureLog(log);

	/** Failed runs in a row, for the retry backoff. */
	private int failedInARow;

	/** The last run here failed: the next try does not wait for the shared interval. */
	private volatile boolean retrying;

	SyncScheduler(SyncService sync, SyncProperties properties, Leases leases, TimePartitions partitions,
			SyncRecoveryProperties recovery, SyncProgress progress, Clock clock) {
		this.sync = sync;
		this.properties = properties;
		this.leases = leases;
		this.partitions = partitions;
		this.recovery = recovery;
		this.progress = progress;
		this.clock = clock;
	}

	/**
	 * A run under the sync lease; the holder rolls the time-partitioned indices over
	 * first, while nothing writes.
	 */
	private Mono<SyncStatus> leasedRun(Duration notWithin) {
		Mono<Void> rollover = this.partitions.rollover().onErrorResume(ex -> {
			log.warn("Could not roll the indices over (writing on into the current generation): " + ex.getMessage());
			return Mono.empty();
		});
		return this.leases.runExclusive(Leases.SYNC, notWithin, rollover.then(this.sync.run()));
	}

	@EventListener(ApplicationReadyEvent.class)
	void startSchedule() {
		Mono<Void> restored = this.sync.restore().onErrorResume(ex -> {
			log.warn("Could not read the last sync state: " + ex.getMessage());
			return Mono.empty();
		});
		if (!this.properties.enabled()) {
			track(restored.subscribe());
			return;
		}
		log.info("Scheduling a sync now and every " + this.properties.interval() + " after the last one ends");
		// Each try asks for the lease; it is refused while another instance syncs or when
		// any instance finished less than an interval ago, and tried again a little
		// later.
		Mono<Duration> attempt = Mono.defer(() -> leasedRun(this.retrying ? Duration.ZERO : this.properties.interval()))
			.map(this::pauseAfter)
			.switchIfEmpty(Mono.fromSupplier(() -> this.leases.pollEvery(this.properties.interval())))
			.onErrorResume(ex -> {
				// run() ends every run itself; this is a last resort.
				this.failures.warn("Sync run failed: " + FailureLog.reason(ex), ex);
				return Mono.just(pauseAfter(null));
			});
		Disposable loop = restored.then(attempt.flatMap(Mono::delay).repeat().then()).subscribe();
		this.schedule.set(loop);
		track(loop);
	}

	/**
	 * Starts a run in the background unless one is under way; returns the status right
	 * after.
	 */
	SyncStatus launch() {
		track(leasedRun(Duration.ZERO).onErrorResume(ex -> {
			this.failures.warn("Sync run failed: " + FailureLog.reason(ex), ex);
			return Mono.empty();
		}).subscribe());
		return this.sync.status();
	}

	/**
	 * After a run that did not fail, the lease poll (the shared interval decides); after
	 * a failed one a backoff from seconds to minutes (doubling while runs keep failing),
	 * not a whole interval.
	 */
	private Duration pauseAfter(SyncStatus status) {
		boolean failed = status == null || "FAILED".equals(status.outcome());
		this.retrying = failed;
		if (!failed) {
			this.failedInARow = 0;
			return this.leases.pollEvery(this.properties.interval());
		}
		long failures = this.failedInARow++;
		Duration cap = min(this.recovery.runMaxBackoff(), this.properties.interval());
		Duration pause = min(new Backoff(this.recovery.runMinBackoff(), cap, Duration.ZERO).pause(failures), cap);
		this.progress.retryAt(this.clock.instant().plus(pause));
		log.info("Retrying the failed sync in " + pause.toSeconds() + " s");
		return pause;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private void track(Disposable disposable) {
		this.runs.add(disposable);
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.runs.dispose();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stop before the web server and the OpenSearch client go away.
		return Integer.MAX_VALUE;
	}

}
