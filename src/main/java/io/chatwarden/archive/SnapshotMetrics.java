package io.chatwarden.archive;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The last snapshot in metrics: {@code chatwarden.snapshot.last.finished} (epoch seconds,
 * 0 when none) and {@code chatwarden.snapshot.last.success} (1 or 0), so that an alert
 * can fire when backups stop.
 */
@Component
class SnapshotMetrics {

	SnapshotMetrics(MeterRegistry registry, Snapshots snapshots) {
		Gauge.builder("chatwarden.snapshot.last.finished", snapshots, SnapshotMetrics::finished)
			.description("When the last snapshot of the copy finished, in seconds since the epoch")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("chatwarden.snapshot.last.success", snapshots, SnapshotMetrics::success)
			.description("Whether the last snapshot of the copy succeeded")
			.register(registry);
	}

	private static double finished(Snapshots snapshots) {
		SnapshotView last = snapshots.remembered();
		return last == null || last.finishedAt() == null ? 0 : last.finishedAt().getEpochSecond();
	}

	private static double success(Snapshots snapshots) {
		SnapshotView last = snapshots.remembered();
		return last != null && "SUCCESS".equals(last.state()) ? 1 : 0;
	}

}
