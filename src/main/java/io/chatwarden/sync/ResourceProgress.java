package io.chatwarden.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one resource's sync, read by the API, the logs and the metrics. */
final class ResourceProgress {

	private final String resource;

	private final AtomicLong fetched = new AtomicLong();

	private final AtomicLong indexed = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private volatile SyncState state = SyncState.IDLE;

	private volatile Instant startedAt;

	private volatile Instant finishedAt;

	private volatile String lastError;

	private volatile String note;

	private volatile Instant lastLoggedAt = Instant.EPOCH;

	ResourceProgress(String resource) {
		this.resource = resource;
	}

	String resource() {
		return this.resource;
	}

	void start(Instant now) {
		this.fetched.set(0);
		this.indexed.set(0);
		this.failed.set(0);
		this.lastError = null;
		this.note = null;
		this.finishedAt = null;
		this.startedAt = now;
		this.lastLoggedAt = now;
		this.state = SyncState.RUNNING;
	}

	void fetched(long count) {
		this.fetched.addAndGet(count);
	}

	void indexed(long count) {
		this.indexed.addAndGet(count);
	}

	void failed(long count, String reason) {
		this.failed.addAndGet(count);
		if (reason != null) {
			this.lastError = reason;
		}
	}

	/** Waiting for the store; the reason shows as the note until it goes on. */
	void hold(String reason) {
		if (this.state == SyncState.RUNNING || this.state == SyncState.HELD) {
			this.state = SyncState.HELD;
			this.note = reason;
		}
	}

	/** The store took the writes again. */
	void resume() {
		if (this.state == SyncState.HELD) {
			this.state = SyncState.RUNNING;
			this.note = null;
		}
	}

	void note(String note) {
		this.note = note;
	}

	void finish(SyncState state, Instant now, String error) {
		this.state = state;
		this.finishedAt = now;
		if (error != null) {
			this.lastError = error;
		}
	}

	/**
	 * True at most once per interval, so that progress lines are regular, not one per
	 * page.
	 */
	boolean dueForLog(Instant now, Duration interval) {
		if (Duration.between(this.lastLoggedAt, now).compareTo(interval) < 0) {
			return false;
		}
		this.lastLoggedAt = now;
		return true;
	}

	ResourceProgressView view(Instant now) {
		Instant end = this.finishedAt != null ? this.finishedAt : now;
		double seconds = this.startedAt == null ? 0
				: Math.max(Duration.between(this.startedAt, end).toMillis(), 1) / 1000.0;
		double rate = seconds == 0 ? 0 : this.fetched.get() / seconds;
		return new ResourceProgressView(this.resource, this.state, this.fetched.get(), this.indexed.get(),
				this.failed.get(), Math.round(rate * 10) / 10.0, this.startedAt, this.finishedAt, this.lastError,
				this.note);
	}

}
