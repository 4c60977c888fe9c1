package io.chatwarden.dashboard;

import java.time.Instant;

/** The read models of the dashboard queries. */
final class Dashboard {

	private Dashboard() {
	}

	/** One interval of activity: conversations started and messages written in it. */
	record ActivityPoint(Instant start, long conversations, long messages) {
	}

	/** A value and a count, for bar and pie charts. */
	record CountBucket(String key, long count) {
	}

	/** The {@code ActivityInterval} enum: calendar intervals of the date histogram. */
	enum ActivityInterval {

		HOUR, DAY, WEEK, MONTH;

		String calendar() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
