package io.chatwarden.openai;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * ISO-8601 times as the logs write them ({@code 2026-09-17T18:52:08.394028Z}, or with an
 * offset), read without the general formatter: every log line has three of them, and the
 * formatter was a visible share of a download's CPU. Anything else goes to
 * {@link OffsetDateTime#parse}, which also says what is wrong.
 */
final class IsoTimes {

	private IsoTimes() {
	}

	static Instant parse(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return OffsetDateTime.parse(text).toInstant();
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		int at = 19;
		int nanos = 0;
		if (at < length && text.charAt(at) == '.') {
			int start = ++at;
			while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
				nanos = nanos * 10 + (text.charAt(at++) - '0');
			}
			if (at == start) {
				return OffsetDateTime.parse(text).toInstant();
			}
			for (int scale = at - start; scale < 9; scale++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (at == length - 1 && text.charAt(at) == 'Z') {
			offsetSeconds = 0;
		}
		else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
			int hours = digits(text, at + 1, 2);
			int minutes = digits(text, at + 4, 2);
			if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
				return OffsetDateTime.parse(text).toInstant();
			}
			offsetSeconds = ((text.charAt(at) == '-') ? -1 : 1) * (hours * 3600 + minutes * 60);
		}
		else {
			return OffsetDateTime.parse(text).toInstant();
		}
		if ((year | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23
				|| minute > 59 || second > 59) {
			return OffsetDateTime.parse(text).toInstant();
		}
		// LocalDate checks the day against the month (and throws a DateTimeException).
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
	}

	/** A fixed-width number, or -1 when a character is not a digit. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
