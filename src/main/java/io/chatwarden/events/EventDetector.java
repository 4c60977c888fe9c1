package io.chatwarden.events;

import java.time.Instant;

import reactor.core.publisher.Flux;

/**
 * One security condition over the events index, evaluated by aggregation queries. Kept
 * small so that the findings framework can wrap each detector as a rule.
 */
public interface EventDetector {

	/** The finding type id, stable (a contract like the design's finding ids). */
	String typeId();

	/** A short name for people. */
	String name();

	/** LOW, MEDIUM, HIGH or CRITICAL. */
	String severity();

	/** Every current detection, lazily. */
	Flux<EventDetection> detect(Instant now);

}
