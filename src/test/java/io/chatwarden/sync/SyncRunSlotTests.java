package io.chatwarden.sync;

import io.chatwarden.support.MovableClock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run slot: a run always ends as a success, partial (dead letters: never a plain
 * success) or failed; a run that stopped making progress is replaced by the next one, and
 * what the old one does afterwards changes nothing.
 */
class SyncRunSlotTests {

	static final Duration STALL = Duration.ofMinutes(30);

	final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));

	final SyncProgress progress = new SyncProgress(new SimpleMeterRegistry(), this.clock,
			new SyncProperties(true, Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofSeconds(10),
					ConversationSource.AUTO, 2, 2, Duration.ofDays(30)));

	@Test
	void shouldReportARunWithDeadLettersPartialNeverASuccess() {
		long run = this.progress.tryStart(STALL);
		this.progress.of(Resources.USERS).start(this.clock.instant());
		this.progress.of(Resources.USERS).failed(2, "mapping error");
		assertThat(this.progress.finish(run, null, this.progress.deadLetters())).isTrue();
		SyncStatus status = this.progress.status();
		assertThat(status.outcome()).isEqualTo("PARTIAL");
		assertThat(status.lastSuccessAt()).isNull();
		assertThat(status.lastError()).contains("2 record(s)").contains("replayDeadLetters");
		assertThat(status.running()).isFalse();
	}

	@Test
	void shouldGiveTheSlotOfAWedgedRunToTheNextOneAndIgnoreTheOldOne() {
		long wedged = this.progress.tryStart(STALL);
		assertThat(wedged).isPositive();
		this.progress.of(Resources.LOGS).start(this.clock.instant());
		this.progress.of(Resources.LOGS).fetched(10);
		// Still moving: nobody takes over.
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.progress.tryStart(STALL)).isZero();
		// No progress for longer than the stall time: the next run gets the slot.
		this.clock.advance(STALL.plusMinutes(1));
		long next = this.progress.tryStart(STALL);
		assertThat(next).isGreaterThan(wedged);
		assertThat(this.progress.finish(wedged, "late failure of the wedged run", 0)).isFalse();
		assertThat(this.progress.status().running()).isTrue();
		assertThat(this.progress.finish(next, null, 0)).isTrue();
		assertThat(this.progress.status().outcome()).isEqualTo("SUCCESS");
		assertThat(this.progress.status().lastError()).isNull();
		// A finished run never holds the slot.
		assertThat(this.progress.tryStart(STALL)).isGreaterThan(next);
	}

}
