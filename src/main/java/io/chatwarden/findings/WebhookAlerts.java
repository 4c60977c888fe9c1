package io.chatwarden.findings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chatwarden.lease.Leases;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Posts each new HIGH or CRITICAL finding to the configured webhook, signed with
 * HMAC-SHA256 over {@code <timestamp>.<body>} ({@code X-Chatwarden-Signature:
 * sha256=<hex>}), retried with exponential backoff. Alerts go through an outbox index
 * first, so one not yet delivered when the app stops is sent after it starts again; they
 * are delivered one at a time in the background so a slow receiver never holds up an
 * evaluation.
 */
@Component
class WebhookAlerts implements DisposableBean {

	private static final Log log = LogFactory.getLog(WebhookAlerts.class);

	static final String SIGNATURE = "X-Chatwarden-Signature";

	static final String TIMESTAMP = "X-Chatwarden-Timestamp";

	private static final ObjectMapper JSON = JsonMapper.builder()
		.addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private final FindingsProperties.Webhook webhook;

	private final Clock clock;

	private final WebClient http = WebClient.create();

	/**
	 * Wake-up calls for the delivery loop; latest-only, since one drain serves them all.
	 */
	private final Sinks.Many<Boolean> wakeUps = Sinks.many().unicast().onBackpressureBuffer();

	private final AlertOutbox outbox;

	private final Disposable delivery;

	/**
	 * How long a claimed alert is left to its claimer before another instance sends it.
	 */
	private static final java.time.Duration CLAIM = java.time.Duration.ofMinutes(5);

	private final String instanceId;

	WebhookAlerts(FindingsProperties properties, Clock clock, AlertOutbox outbox, Leases leases) {
		this.instanceId = leases.instanceId();
		this.webhook = properties.webhook();
		if (this.webhook.transportWarning() != null) {
			log.warn(this.webhook.transportWarning());
		}
		this.clock = clock;
		this.outbox = outbox;
		this.delivery = this.wakeUps.asFlux().onBackpressureLatest().concatMap(wake -> drain().onErrorResume(ex -> {
			log.warn("Could not read the alert outbox: " + ex.getMessage());
			return Mono.empty();
		}), 1).subscribe();
	}

	/** Queues alerts for newly opened findings, durably, then wakes the delivery loop. */
	Mono<Void> publish(List<FindingDocument> findings) {
		if (this.webhook.url() == null || findings.isEmpty()) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			java.time.Instant now = this.clock.instant();
			List<PendingAlert> alerts = findings.stream()
				.map(finding -> new PendingAlert(finding.id() + ":" + now.toEpochMilli(), finding.id(), body(finding),
						now, null, null, null))
				.toList();
			return this.outbox.add(alerts);
		}).then(Mono.fromRunnable(this::wake));
	}

	/**
	 * Delivers whatever the outbox holds, e.g. alerts left by an earlier run or claimed
	 * by an instance that died.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
	void wake() {
		if (this.webhook.url() != null) {
			this.wakeUps.emitNext(Boolean.TRUE, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofSeconds(2)));
		}
	}

	/**
	 * Delivers pending alerts page by page; each is marked, so the next page holds only
	 * newer ones.
	 */
	private Mono<Void> drain() {
		return this.outbox.pending(this.clock.instant())
			.flatMap(alerts -> alerts.isEmpty() ? Mono.empty()
					: Flux.fromIterable(alerts)
						.concatMap(this::claimAndDeliver)
						.then(alerts.size() < AlertOutbox.PAGE ? Mono.empty() : Mono.defer(this::drain)));
	}

	private Mono<Void> claimAndDeliver(AlertOutbox.Versioned pending) {
		Instant now = this.clock.instant();
		return this.outbox.claim(pending, this.instanceId, now.plus(CLAIM))
			.flatMap(won -> won ? deliver(pending.alert().claimed(this.instanceId, now.plus(CLAIM))) : Mono.empty());
	}

	private Mono<Void> deliver(PendingAlert alert) {
		return post(alert).then(Mono.defer(() -> this.outbox.save(alert.delivered(this.clock.instant()))))
			.onErrorResume(ex -> this.outbox.save(alert.failed(this.clock.instant(), ex.getClass().getSimpleName())));
	}

	private Mono<Void> post(PendingAlert alert) {
		return Mono.defer(() -> {
			String body = alert.payload();
			String timestamp = Long.toString(this.clock.instant().getEpochSecond());
			WebClient.RequestBodySpec request = this.http.post()
				.uri(this.webhook.url())
				.contentType(MediaType.APPLICATION_JSON)
				.header(TIMESTAMP, timestamp);
			if (this.webhook.secret() != null) {
				request = request.header(SIGNATURE, "sha256=" + sign(timestamp + "." + body));
			}
			return request.bodyValue(body).retrieve().toBodilessEntity().timeout(this.webhook.timeout());
		})
			.retryWhen(Retry.backoff(Math.max(0, this.webhook.maxAttempts() - 1), this.webhook.minBackoff())
				.filter(WebhookAlerts::retryable))
			.doOnSuccess(done -> log.info("Alerted the webhook about finding " + alert.findingId()))
			.doOnError(ex -> log.warn("Could not deliver the alert for finding " + alert.findingId()
					+ " to the webhook: " + ex.getClass().getSimpleName()))
			.then();
	}

	private static boolean retryable(Throwable ex) {
		return !(ex instanceof WebClientResponseException response) || response.getStatusCode().is5xxServerError()
				|| response.getStatusCode().value() == 429;
	}

	static String body(FindingDocument finding) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", "finding.opened");
		payload.put("id", finding.id());
		payload.put("typeId", finding.typeId());
		payload.put("severity", finding.severity());
		payload.put("resourceType", finding.resourceType());
		payload.put("resourceId", finding.resourceId());
		payload.put("resourceName", finding.resourceName());
		payload.put("firstSeenAt", finding.firstSeenAt());
		payload.put("lastSeenAt", finding.lastSeenAt());
		try {
			return JSON.writeValueAsString(payload);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String sign(String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.webhook.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	@Override
	public void destroy() {
		this.delivery.dispose();
	}

}
