package io.chatwarden.openai;

import java.time.DateTimeException;
import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoTimesTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-09-17T18:52:08Z", "2026-09-17T18:52:08.3Z", "2026-09-17T18:52:08.394028Z",
			"2026-09-17T18:52:08.123456789Z", "2026-09-17T18:52:08.394+02:00", "2026-09-17T18:52:08-05:30",
			"2024-02-29T23:59:59.999999999+14:00", "1970-01-01T00:00:00Z", "2026-09-17T18:52:08.Z",
			"2026-09-17T18:52Z" })
	void shouldReadWhatTheGeneralParserReads(String text) {
		assertThat(IsoTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-09-17T24:00:00Z",
			"2026-09-17T1x:52:08Z", "2026-09-17T18:52:08", "2026-09-17T18:52:08+1x:00", "2026-09-17T18:52:08+0200",
			"2026-09-17T18:52:08.1234567891Z", "yesterday at noon", "2026-09-17 18:52:08Z" })
	void shouldRefuseWhatTheGeneralParserRefuses(String text) {
		assertThatThrownBy(() -> IsoTimes.parse(text)).isInstanceOf(DateTimeException.class);
	}

}
