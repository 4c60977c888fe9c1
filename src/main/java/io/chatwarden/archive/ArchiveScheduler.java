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
 * Applies the retention and takes a snapshot every
 * {@code chatwarden.archive.snapshot.interval}, counted from the last one on any
 * instance, under the {@code snapshot} lease. The first try waits a little after
 * start-up, so that short-lived instances (tests, restarts in a loop) do not snapshot on
 * every start.
 */
@Component
class ArchiveScheduler implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(ArchiveScheduler.class);

	private static final Duration FIRST_TRY = Duration.ofMinutes(10);

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
		if (!this.properties.snapshot().enabled()) {
			return;
		}
		Duration interval = this.properties.snapshot().interval();
		Duration first = interval.compareTo(FIRST_TRY) < 0 ? interval : FIRST_TRY;
		log.info("Snapshots to repository " + this.snapshots.repository() + " every " + interval);
		Mono<Void> job = this.leases
			.runExclusive(Leases.SNAPSHOT, interval, this.retention.apply().then(this.snapshots.take()))
			.onErrorResume(ex -> {
				log.error("Snapshot or retention failed: " + ex.getMessage());
				return Mono.empty();
			})
			.then();
		this.runs.add(Flux.interval(first, this.leases.pollEvery(interval))
			.onBackpressureDrop()
			.concatMap(tick -> job, 1)
			.subscribe());
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
