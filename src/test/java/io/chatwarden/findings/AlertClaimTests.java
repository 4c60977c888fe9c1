package io.chatwarden.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances read the same pending alert and both try to claim it: exactly one wins,
 * and a claimed alert is not pending for others until the claim lapses.
 */
@SpringBootTest(properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
		"chatwarden.findings.enabled=false" })
class AlertClaimTests extends OpenSearchTest {

	static final String PREFIX = "cw-claims-" + Long.toHexString(System.nanoTime());

	@DynamicPropertySource
	static void prefix(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.store.index-prefix", () -> PREFIX);
	}

	@Autowired
	AlertOutbox outbox;

	@Test
	void exactlyOneInstanceClaimsAnAlert() {
		Instant now = Instant.now();
		this.outbox.add(List.of(new PendingAlert("f1:1", "f1", "{}", now, null, null, null)))
			.block(Duration.ofSeconds(30));
		AlertOutbox.Versioned seenByA = this.outbox.pending(now).block().get(0);
		AlertOutbox.Versioned seenByB = this.outbox.pending(now).block().get(0);

		boolean a = this.outbox.claim(seenByA, "instance-a", now.plusSeconds(300)).block();
		boolean b = this.outbox.claim(seenByB, "instance-b", now.plusSeconds(300)).block();

		assertThat(List.of(a, b)).containsExactly(true, false);
		assertThat(this.outbox.pending(now).block()).as("claimed, so not pending for others").isEmpty();
		assertThat(this.outbox.pending(now.plusSeconds(301)).block()).as("the claim lapsed").hasSize(1);
	}

}
