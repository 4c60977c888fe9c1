package io.chatwarden.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.chatwarden.store.Indices;
import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases against the real cluster: of instances racing, one wins; a dead holder's lease
 * lapses; a job that completed recently is not run again (the shared schedule).
 */
@SpringBootTest(properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
		"chatwarden.findings.enabled=false" })
class LeasesTests extends OpenSearchTest {

	static final String PREFIX = "cw-lease-" + Long.toHexString(System.nanoTime());

	@DynamicPropertySource
	static void prefix(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.store.index-prefix", () -> PREFIX);
	}

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	private Leases instance(String id, Duration duration, Clock clock) {
		return new Leases(this.client, new LeaseProperties(duration, id), clock, this.indices);
	}

	@Test
	void exactlyOneOfManyRacingInstancesRunsTheJob() {
		AtomicInteger runs = new AtomicInteger();
		Sinks.Empty<Void> finish = Sinks.empty();
		List<Leases> instances = List.of("a", "b", "c", "d", "e")
			.stream()
			.map(id -> instance(id, Duration.ofSeconds(30), Clock.systemUTC()))
			.toList();
		Mono<Void> job = Mono.fromRunnable(runs::incrementAndGet).then(finish.asMono());
		var subscriptions = Flux.fromIterable(instances)
			.flatMap(leases -> leases.runExclusive("race", Duration.ZERO, job)
				.subscribeOn(reactor.core.scheduler.Schedulers.parallel()))
			.subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 1);
		List<LeaseView> views = instances.get(0).all().block();
		assertThat(views).filteredOn(view -> view.name().equals("race"))
			.singleElement()
			.satisfies(view -> assertThat(view.holder()).isIn("a", "b", "c", "d", "e"));
		assertThat(instances.get(0).isHeld("race").block()).isTrue();
		finish.tryEmitEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> !instances.get(0).isHeld("race").block());
		assertThat(runs.get()).as("the others found the lease held and did not run").isEqualTo(1);
		subscriptions.dispose();
	}

	@Test
	void aDeadHoldersLeaseLapsesAndAnotherTakesOver() {
		AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
		Clock clock = new Clock() {
			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return now.get();
			}
		};
		// Renews every 100 s of real time: never during this test, like a killed holder.
		Leases dead = instance("dead", Duration.ofSeconds(300), clock);
		Leases survivor = instance("survivor", Duration.ofSeconds(30), clock);
		// The holder never finishes and, frozen in time, never renews: like a killed one.
		var hung = dead.runExclusive("takeover", Duration.ZERO, Mono.never()).subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> survivor.isHeld("takeover").block());
		assertThat(survivor.runExclusive("takeover", Duration.ZERO, Mono.just("ran")).block())
			.as("held by a live instance")
			.isNull();
		now.set(now.get().plusSeconds(301));
		assertThat(survivor.runExclusive("takeover", Duration.ZERO, Mono.just("ran")).block())
			.as("lapsed after the lease time")
			.isEqualTo("ran");
		LeaseView view = survivor.all()
			.block()
			.stream()
			.filter(l -> l.name().equals("takeover"))
			.findFirst()
			.orElseThrow();
		assertThat(view.lastCompletedBy()).isEqualTo("survivor");
		hung.dispose();
	}

	@Test
	void aJobCompletedLessThanAnIntervalAgoIsNotRunAgainByAnyInstance() {
		Leases first = instance("first", Duration.ofSeconds(30), Clock.systemUTC());
		Leases second = instance("second", Duration.ofSeconds(30), Clock.systemUTC());
		assertThat(first.runExclusive("schedule", Duration.ofMinutes(15), Mono.just(1)).block()).isEqualTo(1);
		assertThat(second.runExclusive("schedule", Duration.ofMinutes(15), Mono.just(2)).block())
			.as("finished a moment ago on another instance")
			.isNull();
		assertThat(second.runExclusive("schedule", Duration.ZERO, Mono.just(3)).block())
			.as("a manual run ignores the interval")
			.isEqualTo(3);
	}

	@Test
	void aHolderThatLosesItsLeaseStopsItsRun() {
		Leases slow = instance("slow", Duration.ofMillis(900), Clock.systemUTC());
		AtomicReference<String> outcome = new AtomicReference<>("running");
		var run = slow.runExclusive("lost", Duration.ZERO, Mono.never().doOnCancel(() -> outcome.set("cancelled")))
			.subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> slow.isHeld("lost").block());
		// Someone overwrites the lease behind the holder's back (e.g. it was paused past
		// expiry and another instance took it): the next renewal fails.
		Leases thief = instance("thief", Duration.ofSeconds(30),
				Clock.offset(Clock.systemUTC(), Duration.ofSeconds(5)));
		Mono<String> stolen = thief.runExclusive("lost", Duration.ZERO,
				Mono.just("stolen").delayElement(Duration.ofSeconds(3)));
		var theft = stolen.subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> outcome.get().equals("cancelled"));
		run.dispose();
		theft.dispose();
	}

	@Test
	void workThatMustNotOverlapAJobWaitsForItsLeaseAndLeavesItsScheduleAlone() {
		Leases syncer = instance("syncer", Duration.ofSeconds(30), Clock.systemUTC());
		Leases deleter = instance("deleter", Duration.ofSeconds(30), Clock.systemUTC());
		Sinks.Empty<Void> finish = Sinks.empty();
		var running = syncer.runExclusive("guarded", Duration.ZERO, finish.asMono()).subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> "syncer".equals(deleter.holder("guarded").block()));
		assertThat(deleter.runWhileFree("guarded", Mono.just("deleted")).block()).as("not while the job runs").isNull();
		finish.tryEmitEmpty();
		// block() answers on the value; the release follows it.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> deleter.holder("guarded").blockOptional().isEmpty()
					&& lastCompleted(syncer, "guarded") != null);
		running.dispose();
		Instant jobCompleted = lastCompleted(syncer, "guarded");

		assertThat(deleter.runWhileFree("guarded", Mono.just("deleted")).block()).isEqualTo("deleted");
		await().atMost(Duration.ofSeconds(10)).until(() -> deleter.holder("guarded").blockOptional().isEmpty());
		assertThat(lastCompleted(syncer, "guarded")).as("the job's shared schedule is left alone")
			.isEqualTo(jobCompleted);
		assertThat(syncer.runExclusive("guarded", Duration.ofMinutes(15), Mono.just("again")).block())
			.as("the job's interval still counts from its own last run")
			.isNull();
	}

	private static Instant lastCompleted(Leases leases, String name) {
		return leases.all()
			.block()
			.stream()
			.filter(view -> view.name().equals(name))
			.findFirst()
			.orElseThrow()
			.lastCompletedAt();
	}

}
