package io.chatwarden.findings;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chatwarden.files.FilesFetched;
import io.chatwarden.lease.Leases;
import io.chatwarden.sync.SyncCompleted;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs evaluations one at a time: after every sync, every
 * {@code chatwarden.findings.interval}, and on request. Status changes go through the
 * same queue, so a mute is never overwritten by an evaluation running at the same moment.
 * A trigger while one is already waiting is dropped (the waiting one will see the same
 * data). Every evaluation, scheduled or asked for, holds the {@code findings} lease, so
 * of several instances only one evaluates (and alerts) at a time.
 */
@Component
class FindingScheduler implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(FindingScheduler.class);

	/** How often an evaluation asked for checks whether another instance's has ended. */
	private static final Duration LEASE_POLL = Duration.ofMillis(500);

	private final FindingEvaluator evaluator;

	private final FindingsProperties properties;

	private final Sinks.Many<Job<?>> queue = Sinks.many().unicast().onBackpressureBuffer();

	private final AtomicBoolean evaluationWaiting = new AtomicBoolean();

	private final Disposable.Composite running = Disposables.composite();

	private volatile boolean started;

	private final Leases leases;

	FindingScheduler(FindingEvaluator evaluator, FindingsProperties properties, Leases leases) {
		this.evaluator = evaluator;
		this.properties = properties;
		this.leases = leases;
	}

	/**
	 * An evaluation asked for, queued behind any running here and holding the
	 * {@code findings} lease like the scheduled ones. While another instance evaluates,
	 * it waits for that run to end (up to {@code askedWait}) and then evaluates itself,
	 * so the answer reflects the data as of the request; still busy after that, it fails
	 * with {@link EvaluationBusyException}.
	 */
	Mono<Evaluation> evaluate() {
		long deadline = System.nanoTime() + this.properties.askedWait().toNanos();
		return submit(
				Mono.defer(() -> this.leases.runExclusive(Leases.FINDINGS, Duration.ZERO, this.evaluator.evaluate())))
			.repeatWhenEmpty(tries -> tries.concatMap(attempt -> {
				if (System.nanoTime() - deadline < 0) {
					return Mono.delay(LEASE_POLL);
				}
				return this.leases.holder(Leases.FINDINGS)
					.defaultIfEmpty("another instance")
					.flatMap(holder -> Mono.error(new EvaluationBusyException(holder)));
			}));
	}

	/** Any work that must not overlap an evaluation, queued like one. */
	<T> Mono<T> submit(Mono<T> work) {
		return Mono.create(sink -> this.queue.emitNext(new Job<>(work, sink),
				Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(2))));
	}

	@EventListener
	void onSyncCompleted(SyncCompleted event) {
		if (this.properties.enabled()) {
			trigger("after a sync", Duration.ZERO);
		}
	}

	@EventListener
	void onFilesFetched(FilesFetched event) {
		if (this.properties.enabled() && event.run().fetched() > 0) {
			trigger("after files were fetched", Duration.ZERO);
		}
	}

	private void trigger(String why, Duration notWithin) {
		if (!this.evaluationWaiting.compareAndSet(false, true)) {
			return;
		}
		Mono<Evaluation> evaluation = Mono.defer(() -> {
			this.evaluationWaiting.set(false);
			return this.leases.runExclusive(Leases.FINDINGS, notWithin, this.evaluator.evaluate());
		});
		this.running.add(submit(evaluation).onErrorResume(ex -> {
			log.error("Finding evaluation " + why + " failed", ex);
			return Mono.empty();
		}).subscribe());
	}

	@Override
	public void start() {
		this.started = true;
		this.running.add(this.queue.asFlux().concatMap(Job::run, 1).subscribe());
		if (this.properties.enabled()) {
			log.info("Evaluating findings after every sync and every " + this.properties.interval());
			this.running.add(Flux.interval(this.properties.interval(), this.properties.interval())
				.subscribe(tick -> trigger("on schedule", this.properties.interval().dividedBy(2))));
		}
	}

	@Override
	public void stop() {
		this.started = false;
		this.running.dispose();
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	@Override
	public int getPhase() {
		// Stop before the web server and the OpenSearch client go away.
		return Integer.MAX_VALUE - 1;
	}

	/** Queued work and the caller waiting for it. */
	private record Job<T>(Mono<T> work, MonoSink<T> caller) {

		Mono<Void> run() {
			return this.work.doOnNext(this.caller::success).doOnError(this.caller::error).doOnSuccess(value -> {
				if (value == null) {
					this.caller.success();
				}
			}).onErrorResume(ex -> Mono.empty()).then();
		}

	}

}
