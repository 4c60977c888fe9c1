package io.chatwarden.findings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
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
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Posts each new HIGH or CRITICAL finding to the configured webhook, signed with
 * HMAC-SHA256 over {@code <timestamp>.<body>} ({@code X-Chatwarden-Signature:
 * sha256=<hex>}), retried with exponential backoff. Alerts are delivered one at a time in
 * the background so a slow receiver never holds up an evaluation.
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

	private final Sinks.Many<FindingDocument> pending = Sinks.many().unicast().onBackpressureBuffer();

	private final Disposable delivery;

	WebhookAlerts(FindingsProperties properties, Clock clock) {
		this.webhook = properties.webhook();
		this.clock = clock;
		this.delivery = this.pending.asFlux().concatMap(this::deliver).subscribe();
	}

	void publish(List<FindingDocument> findings) {
		if (this.webhook.url() == null) {
			return;
		}
		findings.forEach(finding -> this.pending.emitNext(finding,
				Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofSeconds(2))));
	}

	private Mono<Void> deliver(FindingDocument finding) {
		return Mono.defer(() -> {
			String body = body(finding);
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
			.doOnSuccess(done -> log.info("Alerted the webhook about finding " + finding.id()))
			.onErrorResume(ex -> {
				log.warn("Could not deliver the alert for finding " + finding.id() + " to the webhook: "
						+ ex.getClass().getSimpleName());
				return Mono.empty();
			})
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
