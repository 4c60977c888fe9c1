package io.chatwarden.lease;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Runs a job on one instance at a time. A lease document per job is taken with optimistic
 * concurrency: a compare-and-set on its sequence number and primary term, so of two
 * instances racing for it exactly one wins. The holder renews it every third of the lease
 * time while the job runs and releases it at the end; a holder that dies stops renewing
 * and the lease lapses, so another instance takes over within the lease time. Wall clocks
 * of the instances must agree to well within the lease time (NTP).
 */
@Component
public class Leases {

	private static final Log log = LogFactory.getLog(Leases.class);

	static final String INDEX = "leases";

	/** The lease of the sync worker. */
	public static final String SYNC = "sync";

	/** The lease of finding evaluations, scheduled or asked for. */
	public static final String FINDINGS = "findings";

	/** The lease of scheduled snapshots and retention. */
	public static final String SNAPSHOT = "snapshot";

	private final OpenSearchAsyncClient client;

	private final LeaseProperties properties;

	private final Clock clock;

	private final String index;

	private final String instanceId;

	Leases(OpenSearchAsyncClient client, LeaseProperties properties, Clock clock, Indices indices) {
		this.client = client;
		this.properties = properties;
		this.clock = clock;
		this.index = indices.alias(INDEX);
		this.instanceId = properties.instanceId() != null ? properties.instanceId() : defaultInstanceId();
	}

	/** This instance's name in leases. */
	public String instanceId() {
		return this.instanceId;
	}

	/**
	 * Runs {@code work} holding the named lease, unless another instance holds it or the
	 * job completed (anywhere) less than {@code notWithin} ago. Completes empty without
	 * running it then. The work is cancelled if the lease is lost (renewal refused); it
	 * counts as completed only when it ends normally.
	 */
	public <T> Mono<T> runExclusive(String name, Duration notWithin, Mono<T> work) {
		return run(name, notWithin, work, true);
	}

	/**
	 * Runs {@code work} holding the named lease, unless some instance holds it now;
	 * completes empty without running it then. Unlike {@link #runExclusive} it does not
	 * count as a run of the lease's job (the shared schedule is left alone): for work
	 * that must not overlap the job, such as deleting indices the sync writes to.
	 */
	public <T> Mono<T> runWhileFree(String name, Mono<T> work) {
		return run(name, Duration.ZERO, work, false);
	}

	private <T> Mono<T> run(String name, Duration notWithin, Mono<T> work, boolean isTheJob) {
		return Mono.usingWhen(acquire(name, notWithin),
				held -> work.takeUntilOther(lostSignal(held))
					.doOnSuccess(result -> held.completed.set(isTheJob && !held.lost.get())),
				this::release, (held, error) -> release(held), this::release);
	}

	/**
	 * How often a scheduler should try a lease for a job run every {@code interval}:
	 * often enough that a dead holder's job is taken over within the lease time.
	 */
	public Duration pollEvery(Duration interval) {
		return interval.compareTo(this.properties.duration()) < 0 ? interval : this.properties.duration();
	}

	/** Every lease with its holder and last completion, for the status API. */
	public Mono<List<LeaseView>> all() {
		Instant now = this.clock.instant();
		return OpenSearchCalls.mono(() -> this.client.search(s -> s.index(this.index).size(100), LeaseDocument.class))
			.map(response -> response.hits()
				.hits()
				.stream()
				.map(Hit::source)
				.map(lease -> new LeaseView(lease.name(), lease.heldAt(now) ? lease.holder() : null,
						lease.heldAt(now) ? lease.expiresAt() : null, lease.lastCompletedAt(), lease.lastCompletedBy()))
				.toList());
	}

	/** The instance holding the named lease now, or empty when it is free. */
	public Mono<String> holder(String name) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			return load(name).filter(stored -> stored.document().heldAt(now)).map(stored -> stored.document().holder());
		});
	}

	/** Whether some instance holds the named lease now. */
	public Mono<Boolean> isHeld(String name) {
		Instant now = this.clock.instant();
		return load(name).map(stored -> stored.document().heldAt(now)).defaultIfEmpty(false);
	}

	private Mono<Held> acquire(String name, Duration notWithin) {
		return load(name).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()).flatMap(current -> {
			Instant now = this.clock.instant();
			LeaseDocument before = current.map(Stored::document).orElse(null);
			if (before != null && before.heldAt(now)) {
				return Mono.empty();
			}
			if (before != null && before.lastCompletedAt() != null && notWithin.compareTo(Duration.ZERO) > 0
					&& before.lastCompletedAt().plus(notWithin).isAfter(now)) {
				return Mono.empty();
			}
			LeaseDocument taken = new LeaseDocument(name, this.instanceId, now, now.plus(this.properties.duration()),
					before == null ? null : before.lastCompletedAt(), before == null ? null : before.lastCompletedBy());
			return write(taken, current.orElse(null)).map(version -> new Held(taken, version));
		}).doOnNext(held -> log.info("Took the " + name + " lease as " + this.instanceId));
	}

	private Mono<Boolean> renew(Held held) {
		LeaseDocument renewed = new LeaseDocument(held.lease.name(), this.instanceId, held.lease.acquiredAt(),
				this.clock.instant().plus(this.properties.duration()), held.lease.lastCompletedAt(),
				held.lease.lastCompletedBy());
		return write(renewed, held.version.get()).doOnNext(held.version::set)
			.map(version -> true)
			.defaultIfEmpty(false)
			// An unreachable cluster is not a lost lease yet: the next renewal retries
			// before it lapses.
			.onErrorResume(ex -> Mono.just(true));
	}

	/**
	 * Frees the lease (recording the completion when the job completed). A renewal still
	 * in flight may have moved the version on, so it reads the current one first, and
	 * leaves the lease alone if another instance holds it by now.
	 */
	private Mono<Void> release(Held held) {
		if (held.lost.get()) {
			return Mono.empty();
		}
		String name = held.lease.name();
		return Mono.defer(() -> load(name)).flatMap(current -> {
			if (!this.instanceId.equals(current.document().holder())) {
				return Mono.empty();
			}
			boolean completed = held.completed.get();
			LeaseDocument released = new LeaseDocument(name, null, null, null,
					completed ? this.clock.instant() : current.document().lastCompletedAt(),
					completed ? this.instanceId : current.document().lastCompletedBy());
			return write(released, current.version()).switchIfEmpty(Mono.error(new IllegalStateException("conflict")));
		}).retryWhen(reactor.util.retry.Retry.fixedDelay(3, Duration.ofMillis(100))).then().onErrorResume(ex -> {
			log.warn("Could not release the " + name + " lease (it lapses by itself): " + ex.getMessage());
			return Mono.empty();
		});
	}

	private Mono<Void> lostSignal(Held held) {
		Duration every = this.properties.renewEvery();
		return Flux.interval(every, every)
			.onBackpressureDrop()
			.concatMap(tick -> renew(held), 1)
			.filter(renewed -> !renewed)
			.next()
			.map(x -> {
				held.lost.set(true);
				log.warn("Lost the " + held.lease.name() + " lease to another instance; stopping this run");
				return x;
			})
			.then();
	}

	private Mono<Stored> load(String name) {
		return OpenSearchCalls.mono(() -> this.client.get(g -> g.index(this.index).id(name), LeaseDocument.class))
			.filter(response -> response.found() && response.source() != null)
			.map(response -> new Stored(response.source(), new Version(response.seqNo(), response.primaryTerm())));
	}

	/**
	 * Compare-and-set: creates the document when {@code expected} is null, otherwise
	 * replaces it only if nobody wrote it since. Empty when someone else won.
	 */
	private Mono<Version> write(LeaseDocument lease, Object expected) {
		Version version = expected instanceof Stored stored ? stored.version() : (Version) expected;
		return OpenSearchCalls.mono(() -> this.client.index(i -> {
			i.index(this.index)
				.id(lease.name())
				.document(lease)
				.refresh(org.opensearch.client.opensearch._types.Refresh.True);
			if (version == null) {
				return i.opType(org.opensearch.client.opensearch._types.OpType.Create);
			}
			return i.ifSeqNo(version.seqNo()).ifPrimaryTerm(version.primaryTerm());
		}))
			.map(response -> new Version(response.seqNo(), response.primaryTerm()))
			.onErrorResume(Leases::conflict, ex -> Mono.empty());
	}

	private static boolean conflict(Throwable ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof OpenSearchException search && search.status() == 409
					|| cause instanceof ResponseException response && response.status() == 409) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	private static String defaultInstanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
	}

	private record Version(long seqNo, long primaryTerm) {
	}

	private record Stored(LeaseDocument document, Version version) {
	}

	/** A lease this instance holds, with the version of its last write. */
	private static final class Held {

		private final LeaseDocument lease;

		private final AtomicReference<Version> version;

		private final AtomicBoolean lost = new AtomicBoolean();

		private final AtomicBoolean completed = new AtomicBoolean();

		Held(LeaseDocument lease, Version version) {
			this.lease = lease;
			this.version = new AtomicReference<>(version);
		}

	}

}
