package io.chatwarden.archive;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.chatwarden.store.Indices;
import io.chatwarden.store.TimePartitions;
import io.chatwarden.store.TimePartitions.Generation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Deletes whole message and event generations whose every document is older than
 * {@code chatwarden.archive.retention}. Nothing is deleted without a retention (the
 * default) or under a legal hold; the newest generation is never deleted. The retention
 * must be longer than OpenAI keeps logs (about 30 days), or a re-delivered old document
 * would have nowhere to go.
 */
@Component
public class Retention {

	private static final Log log = LogFactory.getLog(Retention.class);

	private final TimePartitions partitions;

	private final ArchiveProperties properties;

	private final Clock clock;

	Retention(TimePartitions partitions, ArchiveProperties properties, Clock clock) {
		this.partitions = partitions;
		this.properties = properties;
		this.clock = clock;
	}

	/** Applies the retention; returns the generations deleted. */
	public Mono<List<String>> apply() {
		return Mono.defer(this::applyNow);
	}

	private Mono<List<String>> applyNow() {
		if (this.properties.retention() == null) {
			return Mono.just(List.of());
		}
		if (this.properties.legalHold()) {
			log.info("Legal hold is on: retention deletes nothing");
			return Mono.just(List.of());
		}
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		this.partitions.forget();
		return Flux.just(Indices.MESSAGES, Indices.EVENTS)
			.concatMap(this.partitions::generations)
			.concatMap(generations -> {
				List<Generation> expired = new ArrayList<>();
				for (int i = 0; i < generations.size() - 1; i++) {
					if (generations.get(i + 1).from().isBefore(cutoff)) {
						expired.add(generations.get(i));
					}
				}
				return Flux.fromIterable(expired);
			})
			.concatMap(generation -> this.partitions.delete(generation).thenReturn(generation.index()))
			.collectList();
	}

}
