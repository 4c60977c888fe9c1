package io.chatwarden.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sync rides out failures ({@code chatwarden.sync.recovery.*}).
 *
 * @param storeMinBackoff first pause while OpenSearch cannot take writes
 * @param storeMaxBackoff longest pause between two tries while it cannot
 * @param storeMaxWait how long a write is held (its checkpoint with it) before the run is
 * given up as failed; a failed run is retried anyway
 * @param runMinBackoff pause before retrying a failed run (doubling on each failure in a
 * row)
 * @param runMaxBackoff longest pause before retrying a failed run (never longer than the
 * interval)
 * @param downloadMinBackoff first pause before downloading a broken log file again
 * @param downloadMaxBackoff longest pause between two downloads of one file
 * @param downloadMaxWait how long one file is retried (it resumes where it broke) before
 * its event type fails for this run
 * @param stallAfter a run whose counters did not move for this long is wedged: a new run
 * (scheduled or started by hand) takes its slot and stops it
 */
@ConfigurationProperties("chatwarden.sync.recovery")
public record SyncRecoveryProperties(@DefaultValue("1s") Duration storeMinBackoff,
		@DefaultValue("30s") Duration storeMaxBackoff, @DefaultValue("15m") Duration storeMaxWait,
		@DefaultValue("15s") Duration runMinBackoff, @DefaultValue("5m") Duration runMaxBackoff,
		@DefaultValue("1s") Duration downloadMinBackoff, @DefaultValue("15s") Duration downloadMaxBackoff,
		@DefaultValue("2m") Duration downloadMaxWait, @DefaultValue("30m") Duration stallAfter) {

	public SyncRecoveryProperties {
		requirePositive("store-min-backoff", storeMinBackoff);
		requirePositive("run-min-backoff", runMinBackoff);
		requirePositive("download-min-backoff", downloadMinBackoff);
		requirePositive("stall-after", stallAfter);
		if (storeMaxBackoff.compareTo(storeMinBackoff) < 0 || runMaxBackoff.compareTo(runMinBackoff) < 0
				|| downloadMaxBackoff.compareTo(downloadMinBackoff) < 0) {
			throw new IllegalArgumentException("chatwarden.sync.recovery: a max backoff is shorter than its min");
		}
	}

	/** The defaults, for code that runs without Spring. */
	static SyncRecoveryProperties defaults() {
		return new SyncRecoveryProperties(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15),
				Duration.ofSeconds(15), Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(15),
				Duration.ofMinutes(2), Duration.ofMinutes(30));
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("chatwarden.sync.recovery." + name + " must be positive");
		}
	}

}
