package io.chatwarden.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.chatwarden.lease.Leases;
import io.chatwarden.store.Indices;
import io.chatwarden.store.TimePartitions;
import io.chatwarden.store.TimePartitions.Generation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Deletes whole message and event generations whose every document is older than
 * {@code chatwarden.archive.retention}. Nothing is deleted without a retention (the
 * default) or under a legal hold; the newest generation is never deleted. Deleting holds
 * the sync lease, so no instance writes with a cached list of generations that still
 * names a deleted one (every sync run reads the list afresh). The retention should be
 * longer than OpenAI keeps logs (about 30 days): a re-delivered document older than the
 * oldest kept generation lands in that generation and is deleted with it later.
 */
@Component
public class Retention {

	private static final Log log = LogFactory.getLog(Retention.class);

	private static final Duration OPENAI_KEEPS = Duration.ofDays(30);

	private final TimePartitions partitions;

	private final ArchiveProperties properties;

	private final Clock clock;

	private final Leases leases;

	private final Counter deleted;

	private final MeterRegistry metrics;

	Retention(TimePartitions partitions, ArchiveProperties properties, Clock clock, Leases leases,
			MeterRegistry metrics) {
		this.partitions = partitions;
		this.properties = properties;
		this.clock = clock;
		this.leases = leases;
		this.metrics = metrics;
		this.deleted = Counter.builder("chatwarden.retention.deleted")
			.description("Message and event generations deleted by retention")
			.register(metrics);
		Gauge.builder("chatwarden.retention.legal.hold", properties, p -> p.legalHold() ? 1 : 0)
			.description("Whether a legal hold blocks every deletion by retention")
			.register(metrics);
		if (properties.retention() != null && properties.retention().compareTo(OPENAI_KEEPS) <= 0) {
			log.warn("chatwarden.archive.retention (" + iso(properties.retention()) + ") is not longer than the "
					+ OPENAI_KEEPS.toDays() + " days OpenAI keeps logs: documents it re-delivers may be deleted soon");
		}
	}

	/** The retention as configured, and how far it reaches now. */
	public Mono<RetentionView> view() {
		Duration keepFor = this.properties.retention();
		Instant deletesBefore = keepFor == null || this.properties.legalHold() ? null
				: this.clock.instant().minus(keepFor);
		// As stored now: another instance may have deleted generations.
		return Flux.just(Indices.MESSAGES, Indices.EVENTS)
			.concatMap(this.partitions::current)
			.filter(generations -> !generations.isEmpty() && generations.get(0).from() != null)
			.map(generations -> generations.get(0).from())
			.reduce((a, b) -> a.isAfter(b) ? a : b)
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.map(keptSince -> new RetentionView(keepFor == null ? null : iso(keepFor), this.properties.legalHold(),
					deletesBefore, keptSince.orElse(null)));
	}

	/** P400D rather than Duration's PT9600H. */
	static String iso(Duration duration) {
		return duration.equals(Duration.ofDays(duration.toDays())) ? "P" + duration.toDays() + "D"
				: duration.toString();
	}

	/** Applies the retention; says what it did. */
	public Mono<RetentionRun> apply() {
		return Mono.defer(this::applyNow)
			.doOnNext(run -> this.metrics.counter("chatwarden.retention.runs", "outcome", run.outcome().name())
				.increment());
	}

	private Mono<RetentionRun> applyNow() {
		Instant now = this.clock.instant();
		if (this.properties.retention() == null) {
			return Mono.just(new RetentionRun(now, RetentionRun.Outcome.KEEP_FOREVER, null, List.of()));
		}
		if (this.properties.legalHold()) {
			log.info("Legal hold is on: retention (" + iso(this.properties.retention()) + ") deletes nothing");
			return Mono.just(new RetentionRun(now, RetentionRun.Outcome.LEGAL_HOLD, null, List.of()));
		}
		Instant cutoff = now.minus(this.properties.retention());
		return this.leases.runWhileFree(Leases.SYNC, Mono.defer(() -> deleteBefore(cutoff)))
			.map(names -> new RetentionRun(now, RetentionRun.Outcome.APPLIED, cutoff, names))
			.doOnNext(run -> log.info("Retention " + iso(this.properties.retention()) + ": deleted "
					+ (run.deleted().isEmpty() ? "nothing" : run.deleted())
					+ " (generations whose documents all precede " + cutoff + ")"))
			.switchIfEmpty(Mono.fromSupplier(() -> {
				log.info("Retention waits: a sync holds the sync lease");
				return new RetentionRun(now, RetentionRun.Outcome.SYNC_RUNNING, cutoff, List.of());
			}));
	}

	private Mono<List<String>> deleteBefore(Instant cutoff) {
		// Another instance may have rolled over since this one last looked.
		this.partitions.forget();
		return Flux.just(Indices.MESSAGES, Indices.EVENTS)
			.concatMap(this.partitions::generations)
			.concatMap(generations -> Flux.fromIterable(expired(generations, cutoff)))
			.concatMap(generation -> this.partitions.delete(generation)
				.doOnSuccess(done -> this.deleted.increment())
				.thenReturn(generation.index()))
			.collectList();
	}

	/**
	 * Generations whose every document precedes the cutoff: the next one starts before
	 * it. The newest never qualifies.
	 */
	static List<Generation> expired(List<Generation> generations, Instant cutoff) {
		List<Generation> expired = new ArrayList<>();
		for (int i = 0; i < generations.size() - 1; i++) {
			Instant nextFrom = generations.get(i + 1).from();
			if (nextFrom != null && !nextFrom.isAfter(cutoff)) {
				expired.add(generations.get(i));
			}
		}
		return expired;
	}

}
