package io.chatwarden.search;

import java.time.Instant;
import java.util.List;

/**
 * Counts of matching conversations by user, GPT, tool and time of last activity.
 *
 * @param users by user email: each conversation has one user, so buckets, other and none
 * sum to the total
 * @param gpts by GPT; conversations whose matching messages used no GPT are "none"
 * @param tools by the tools the conversation used: one using several is counted under
 * each; "none" used no tool
 * @param months by month of last activity (yyyy-MM): sums to the total
 * @param timeline by time of last activity, in bars of one automatic interval
 */
record SearchFacets(Facet users, Facet gpts, Facet tools, Facet months, Timeline timeline) {

	/**
	 * One facet's buckets.
	 *
	 * @param otherCount matching conversations in no listed bucket but with a value (not
	 * less than 0)
	 * @param noneCount matching conversations without a value
	 */
	record Facet(List<Bucket> buckets, long otherCount, long noneCount) {
	}

	/** A value and how many matching conversations have it. */
	record Bucket(String value, long count) {
	}

	/** Matching conversations over time, for a histogram. */
	record Timeline(String interval, List<TimeBucket> buckets) {
	}

	/** The conversations last active in the interval starting at {@code start}. */
	record TimeBucket(Instant start, long count) {
	}

}
