package io.chatwarden.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs a sync at start-up and then every {@code chatwarden.sync.interval} after the
 * previous one ended (a failed one is retried sooner, with a backoff), and runs one on
 * request. Background runs are tracked and cancelled on shutdown; a cancelled run resumes
 * from its checkpoints next time.
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

	private final SyncRecoveryProperties recovery;

	private final SyncProgress progress;

	private final Clock clock;

	private final FailureLog failures = new FailureLog(log);

	/** Failed runs in a row, for the retry backoff. */
	private int failedInARow;

	SyncScheduler(SyncService sync, SyncProperties properties, SyncRecoveryProperties recovery, SyncProgress progress,
			Clock clock) {
		this.sync = sync;
		this.properties = properties;
		this.recovery = recovery;
		this.progress = progress;
		this.clock = clock;
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
		Mono<Void> cycle = this.sync.run().map(this::pauseAfter).onErrorResume(ex -> {
			// run() ends every run itself; this is a last resort.
			this.failures.warn("Sync run failed: " + FailureLog.reason(ex), ex);
			return Mono.just(pauseAfter(null));
		}).flatMap(Mono::delay).then();
		Disposable loop = restored.then(cycle.repeat().then()).subscribe();
		this.schedule.set(loop);
		track(loop);
	}

	/**
	 * Starts a run in the background unless one is under way; returns the status right
	 * after.
	 */
	SyncStatus launch() {
		track(this.sync.run().onErrorResume(ex -> {
			this.failures.warn("Sync run failed: " + FailureLog.reason(ex), ex);
			return Mono.empty();
		}).subscribe());
		return this.sync.status();
	}

	/**
	 * The interval after a run that did not fail; after a failed one a backoff from
	 * seconds to minutes (doubling while runs keep failing), not a whole interval.
	 */
	private Duration pauseAfter(SyncStatus status) {
		boolean failed = status == null || "FAILED".equals(status.outcome());
		if (!failed) {
			this.failedInARow = 0;
			return this.properties.interval();
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
