package io.chatwarden.search;

import java.util.List;

/**
 * Counts of matching conversations by user, GPT, tool and month of last activity.
 *
 * @param users by user email: each conversation has one user, so with {@code otherCount}
 * these sum to the total
 * @param gpts by GPT: conversations without a GPT are in {@code otherCount}
 * @param tools by tool: a conversation may use several tools, and is counted under each
 * @param months by month of last activity (yyyy-MM): sums to the total
 */
record SearchFacets(Facet users, Facet gpts, Facet tools, Facet months) {

	/**
	 * One facet's buckets.
	 *
	 * @param otherCount matching conversations in no listed bucket (not less than 0)
	 */
	record Facet(List<Bucket> buckets, long otherCount) {
	}

	/** A value and how many matching conversations have it. */
	record Bucket(String value, long count) {
	}

}
