package io.chatwarden.openai;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/** Bound checks shared by the two clients' properties, naming the offending property. */
final class PropertyChecks {

	private PropertyChecks() {
	}

	static void between(String property, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(property + " must be between " + min + " and " + max + ", not " + value);
		}
	}

	static void limits(String prefix, int listCallsPerMinute, int itemCallsPerMinute, Duration timeout, int maxAttempts,
			Duration minBackoff, Duration maxBackoff, DataSize maxResponseSize) {
		between(prefix + ".list-calls-per-minute", listCallsPerMinute, 1, 100_000);
		between(prefix + ".item-calls-per-minute", itemCallsPerMinute, 1, 100_000);
		between(prefix + ".max-attempts", maxAttempts, 1, 100);
		positive(prefix + ".timeout", timeout);
		positive(prefix + ".min-backoff", minBackoff);
		positive(prefix + ".max-backoff", maxBackoff);
		if (maxBackoff.compareTo(minBackoff) < 0) {
			throw new IllegalArgumentException(prefix + ".max-backoff (" + maxBackoff + ") must not be shorter than "
					+ prefix + ".min-backoff (" + minBackoff + ")");
		}
		if (maxResponseSize.toBytes() <= 0 || maxResponseSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					prefix + ".max-response-size must be between 1B and 2GB, not " + maxResponseSize);
		}
	}

	private static void positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(property + " must be positive, not " + value);
		}
	}

}
