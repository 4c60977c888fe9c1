package io.chatwarden.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;

/**
 * One log line per failure, with its stack trace at most once a minute: a store that
 * stays away for minutes, retried every few seconds, must not flood the log.
 */
final class FailureLog {

	private static final Duration STACK_TRACE_INTERVAL = Duration.ofMinutes(1);

	private final Log log;

	private final AtomicReference<Instant> lastStackTrace = new AtomicReference<>(Instant.EPOCH);

	FailureLog(Log log) {
		this.log = log;
	}

	void warn(String line, Throwable failure) {
		Instant now = Instant.now();
		Instant last = this.lastStackTrace.get();
		if (failure != null && now.isAfter(last.plus(STACK_TRACE_INTERVAL))
				&& this.lastStackTrace.compareAndSet(last, now)) {
			this.log.warn(line + " (stack trace at most once a minute)", failure);
		}
		else {
			this.log.warn(line);
		}
	}

	/** A failure's message, or its type when it has none. */
	static String reason(Throwable failure) {
		Throwable root = failure;
		while (root.getMessage() == null && root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
