package io.chatwarden.openai;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for reading {@code Retry-After} in {@link OpenAiHttp}. */
class RetryAfterTests {

	private static Duration retryAfter(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(name, value);
		return OpenAiHttp.retryAfter(headers);
	}

	@Test
	void shouldReadSeconds() {
		assertThat(retryAfter("Retry-After", "7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(retryAfter("Retry-After", "0.25")).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void shouldReadHttpDate() {
		String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
		assertThat(retryAfter("Retry-After", inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
		assertThat(retryAfter("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
	}

	@Test
	void shouldPreferOpenAisMillisecondHeader() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Retry-After", "2");
		headers.add("retry-after-ms", "1500");
		assertThat(OpenAiHttp.retryAfter(headers)).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void shouldIgnoreGarbageAndCapAbsurdWaits() {
		assertThat(retryAfter("Retry-After", "soon")).isNull();
		assertThat(retryAfter("Retry-After", "-3")).isNull();
		assertThat(OpenAiHttp.retryAfter(new HttpHeaders())).isNull();
		assertThat(retryAfter("Retry-After", "86400")).isEqualTo(Duration.ofMinutes(15));
	}

}
