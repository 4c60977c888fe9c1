package io.chatwarden.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.chatwarden.system.BadRequestException;

import org.springframework.stereotype.Component;

/**
 * Points in time held open on the cluster, per caller. OpenSearch allows a few hundred in
 * all, each kept {@link SearchJson#KEEP_ALIVE} after its last use: without a budget one
 * caller could hold them all and fail everyone's searches and exports for minutes. A
 * caller holds at most {@link #PER_CALLER}, everyone together at most {@link #TOTAL}; a
 * point in time counts until it is closed or its keep-alive has passed since its last
 * use.
 */
@Component
class PitBudget {

	static final int PER_CALLER = 10;

	/** Under OpenSearch's default {@code search.max_open_pit_context} of 300. */
	static final int TOTAL = 200;

	private static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

	private final Map<Object, Lease> leases = new ConcurrentHashMap<>();

	private final Clock clock;

	PitBudget(Clock clock) {
		this.clock = clock;
	}

	/** Takes one point in time for this caller, or refuses when its budget is spent. */
	synchronized Object reserve(String caller) {
		Instant now = this.clock.instant();
		this.leases.values().removeIf(lease -> lease.expires().isBefore(now));
		long mine = this.leases.values().stream().filter(lease -> lease.caller().equals(caller)).count();
		if (mine >= PER_CALLER) {
			throw new BadRequestException("You have " + mine + " searches or exports open (at most " + PER_CALLER
					+ "): finish paging through one, or wait a few minutes until it expires");
		}
		if (this.leases.size() >= TOTAL) {
			throw new BadRequestException("Too many searches and exports are open right now; try again in a minute");
		}
		Object reservation = new Object();
		this.leases.put(reservation, new Lease(caller, now.plus(KEEP_ALIVE)));
		return reservation;
	}

	/** The reservation now names an open point in time. */
	void opened(Object reservation, String pitId) {
		Lease lease = this.leases.remove(reservation);
		if (lease != null) {
			this.leases.put(pitId, lease);
		}
	}

	/** A reservation whose point in time could not be opened. */
	void cancel(Object reservation) {
		this.leases.remove(reservation);
	}

	/** A point in time was used again: its keep-alive starts over. */
	void used(String pitId) {
		this.leases.computeIfPresent(pitId,
				(id, lease) -> new Lease(lease.caller(), this.clock.instant().plus(KEEP_ALIVE)));
	}

	void closed(String pitId) {
		this.leases.remove(pitId);
	}

	/** How many points in time this caller holds now. */
	long held(String caller) {
		Instant now = this.clock.instant();
		return this.leases.values()
			.stream()
			.filter(lease -> lease.caller().equals(caller) && !lease.expires().isBefore(now))
			.count();
	}

	private record Lease(String caller, Instant expires) {
	}

}
