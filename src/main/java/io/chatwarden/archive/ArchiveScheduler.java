package io.chatwarden.archive;

import java.time.Duration;

import io.chatwarden.lease.Leases;
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
 * Takes a snapshot and then applies the retention every
 * {@code chatwarden.archive.snapshot.interval}, counted from the last run on any
 * instance, under the {@code snapshot} lease (the retention also when snapshots are off).
 * The first try waits a little after start-up, so that short-lived instances (tests,
 * restarts in a loop) do not snapshot on every start.
 */
@Component
class ArchiveScheduler implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(ArchiveScheduler.class);

	private static final Duration FIRST_TRY = Duration.ofMinutes(10);

	private static final Duration RETENTION_RETRY = Duration.ofMinutes(2);

	private static final int RETENTION_TRIES = 15;

	private final Snapshots snapshots;

	private final Retention retention;

	private final Leases leases;

	private final ArchiveProperties properties;

	private final Disposable.Composite runs = Disposables.composite();

	private volatile boolean running;

	ArchiveScheduler(Snapshots snapshots, Retention retention, Leases leases, ArchiveProperties properties) {
		this.snapshots = snapshots;
		this.retention = retention;
		this.leases = leases;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule() {
		// What syncStatus and the metrics show, from the repository.
		this.runs.add(this.snapshots.latest().onErrorResume(ex -> Mono.empty()).subscribe());
		boolean snapshotting = this.properties.snapshot().enabled();
		boolean deleting = this.properties.retention() != null && !this.properties.legalHold();
		log.info("Retention: "
				+ (this.properties.retention() == null ? "keep forever" : Retention.iso(this.properties.retention())
						+ (this.properties.legalHold() ? ", but a legal hold is on" : "")));
		if (!snapshotting && !deleting) {
			return;
		}
		Duration interval = this.properties.snapshot().interval();
		Duration first = interval.compareTo(FIRST_TRY) < 0 ? interval : FIRST_TRY;
		if (snapshotting) {
			log.info("Snapshots to repository " + this.snapshots.repository() + " every " + interval);
		}
		this.runs.add(Flux.interval(first, this.leases.pollEvery(interval))
			.onBackpressureDrop()
			.concatMap(
					tick -> this.leases.runExclusive(Leases.SNAPSHOT, interval, job(snapshotting)).onErrorResume(ex -> {
						// E.g. the cluster is unreachable: the next tick tries again.
						log.error("Snapshot and retention did not run: " + ex.getMessage());
						return Mono.empty();
					}), 1)
			.subscribe());
	}

	/**
	 * The snapshot first, so that the newest snapshot still holds what retention deletes
	 * (for as long as the snapshot is kept); retention runs even when the snapshot
	 * failed. While a sync runs, retention tries again every few minutes.
	 */
	private Mono<Boolean> job(boolean snapshotting) {
		Mono<Void> snapshot = !snapshotting ? Mono.empty() : this.snapshots.take().onErrorResume(ex -> {
			log.error("Snapshot failed: " + ex.getMessage());
			return Mono.empty();
		}).then();
		// A sync holding its lease delays the deletions, for a while, not a whole
		// interval.
		Mono<Void> retention = this.retention.apply()
			.filter(run -> run.outcome() != RetentionRun.Outcome.SYNC_RUNNING)
			.repeatWhenEmpty(tries -> tries.take(RETENTION_TRIES).delayElements(RETENTION_RETRY))
			.switchIfEmpty(Mono.fromRunnable(() -> log.warn("Retention skipped: a sync kept running for "
					+ RETENTION_RETRY.multipliedBy(RETENTION_TRIES).toMinutes() + " min; next scheduled run")))
			.onErrorResume(ex -> {
				log.error("Retention failed (it tries again on the next run): " + ex.getMessage());
				return Mono.empty();
			})
			.then();
		return snapshot.then(retention).thenReturn(true);
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
		// Stop before the OpenSearch client goes away.
		return Integer.MAX_VALUE - 2;
	}

}
