package io.chatwarden.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.chatwarden.lease.Leases;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.TestAuthentication;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code evaluateFindings} holds the findings lease like scheduled evaluations: while the
 * lease is held elsewhere it waits for it, then evaluates; held for longer than
 * {@code asked-wait}, it answers a CONFLICT error naming the holder and evaluates
 * nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
				"chatwarden.findings.enabled=false", "chatwarden.findings.asked-wait=3s",
				"chatwarden.archive.snapshot.enabled=false", TestAuthentication.PROPERTY })
@AutoConfigureHttpGraphQlTester
@Import(TestAuthentication.class)
class AskedEvaluationLeaseTests extends OpenSearchTest {

	static final String PREFIX = "cw-asked-eval-" + Long.toHexString(System.nanoTime());

	static final String EVALUATE = "mutation { evaluateFindings { id startedAt } }";

	@DynamicPropertySource
	static void prefix(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.store.index-prefix", () -> PREFIX);
	}

	@Autowired
	Leases leases;

	@Autowired
	HttpGraphQlTester graphQl;

	@Test
	void waitsForAnEvaluationElsewhereThenEvaluates() {
		AtomicReference<Instant> releasedAt = new AtomicReference<>();
		Sinks.Empty<Void> release = Sinks.empty();
		Disposable elsewhere = holdTheLease(release);
		// Let go once the mutation is waiting: it polls the lease meanwhile.
		Disposable letGo = Mono.delay(Duration.ofSeconds(1)).subscribe(tick -> {
			releasedAt.set(Instant.now());
			release.tryEmitEmpty();
		});
		try {
			String startedAt = patient().document(EVALUATE)
				.execute()
				.path("evaluateFindings.startedAt")
				.entity(String.class)
				.get();
			assertThat(releasedAt.get()).as("released while the mutation waited").isNotNull();
			assertThat(Instant.parse(startedAt)).as("evaluated after the other run ended")
				.isAfterOrEqualTo(releasedAt.get().minusMillis(50));
		}
		finally {
			letGo.dispose();
			elsewhere.dispose();
		}
	}

	@Test
	void answersAConflictWhileAnotherInstanceKeepsEvaluating() {
		Sinks.Empty<Void> release = Sinks.empty();
		Disposable elsewhere = holdTheLease(release);
		try {
			patient().document(EVALUATE).execute().errors().satisfy(errors -> {
				assertThat(errors).hasSize(1);
				assertThat(errors.get(0).getExtensions()).containsEntry("classification", "CONFLICT");
				assertThat(errors.get(0).getMessage()).contains(this.leases.instanceId()).contains("Try again");
			});
		}
		finally {
			release.tryEmitEmpty();
			elsewhere.dispose();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.leases.isHeld(Leases.FINDINGS).block());
		patient().document(EVALUATE).execute().path("evaluateFindings.id").hasValue();
	}

	/**
	 * Holds the findings lease until released, as a scheduled evaluation would (the
	 * holder is this instance's id, so the error names it).
	 */
	private Disposable holdTheLease(Sinks.Empty<Void> release) {
		Disposable held = this.leases.runExclusive(Leases.FINDINGS, Duration.ZERO, release.asMono().thenReturn(true))
			.subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.leases.isHeld(Leases.FINDINGS).block());
		return held;
	}

	private HttpGraphQlTester patient() {
		return this.graphQl.mutate().webTestClient(client -> client.responseTimeout(Duration.ofMinutes(1))).build();
	}

}
