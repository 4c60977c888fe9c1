package io.chatwarden.findings;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A webhook must be signed, and plain http to another host is called out. */
class WebhookSettingsTests {

	@Test
	void shouldRefuseAWebhookWithoutASecret() {
		assertThatThrownBy(() -> webhook("https://alerts.acme.example/hook", null))
			.hasMessageContaining("chatwarden.findings.webhook.secret is required");
		assertThatThrownBy(() -> webhook("https://alerts.acme.example/hook", " "))
			.hasMessageContaining("chatwarden.findings.webhook.secret is required");
	}

	@Test
	void shouldWarnAboutPlainHttpToAnotherHost() {
		assertThat(webhook("http://alerts.acme.example/hook", "s3cret").transportWarning()).contains("plain http");
		assertThat(webhook("https://alerts.acme.example/hook", "s3cret").transportWarning()).isNull();
		assertThat(webhook("http://127.0.0.1:9000/hook", "s3cret").transportWarning()).isNull();
	}

	private static FindingsProperties.Webhook webhook(String url, String secret) {
		return new FindingsProperties.Webhook(URI.create(url), secret, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));
	}

}
