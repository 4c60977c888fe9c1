package io.chatwarden.simulator;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documented Compliance API limits: per endpoint and key, 50 list calls and 100 item
 * calls per minute. Fixed one-minute windows on the workspace clock.
 */
final class RateLimiter {

	static final int LIST_PER_MINUTE = 50;

	static final int ITEM_PER_MINUTE = 100;

	private final Clock clock;

	private final boolean enforce;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	RateLimiter(Clock clock, boolean enforce) {
		this.clock = clock;
		this.enforce = enforce;
	}

	/**
	 * Counts one call.
	 * @return 0 when allowed, else the seconds until the window resets (at least 1)
	 */
	long acquire(String token, String endpoint, boolean list) {
		if (!this.enforce) {
			return 0;
		}
		long nowMillis = this.clock.millis();
		long minute = nowMillis / 60_000;
		int max = list ? LIST_PER_MINUTE : ITEM_PER_MINUTE;
		Window w = this.windows.compute(token + " " + endpoint, (k, old) -> (old == null || old.minute != minute)
				? new Window(minute, 1) : new Window(minute, old.count + 1));
		if (w.count <= max) {
			return 0;
		}
		return Math.max(1, ((minute + 1) * 60_000 - nowMillis + 999) / 1000);
	}

	private record Window(long minute, int count) {
	}

}
