package io.chatwarden.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters per key in fixed one-minute windows: how many requests a caller made, how many
 * tokens an address got wrong. Old windows are dropped when the map grows, so a flood of
 * keys cannot exhaust memory.
 */
final class MinuteWindows {

	private static final int MAX_KEYS = 10_000;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	MinuteWindows(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Adds {@code amount} to the key's count in this minute and returns the new count.
	 */
	int add(String key, int amount) {
		long minute = this.clock.millis() / 60_000;
		Window window = this.windows.compute(key, (k, current) -> current == null || current.minute != minute
				? new Window(minute, amount) : new Window(minute, current.count + amount));
		if (this.windows.size() > MAX_KEYS) {
			this.windows.entrySet().removeIf(entry -> entry.getValue().minute != minute);
		}
		return window.count;
	}

	/** The key's count in this minute. */
	int count(String key) {
		Window window = this.windows.get(key);
		return window == null || window.minute != this.clock.millis() / 60_000 ? 0 : window.count;
	}

	/** Seconds until the current window ends. */
	long secondsLeft() {
		return Math.max(1, 60 - (this.clock.millis() / 1000) % 60);
	}

	private record Window(long minute, int count) {
	}

}
