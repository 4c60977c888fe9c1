package io.chatwarden.findings;

import java.time.Instant;
import java.util.List;

/**
 * What one evaluation did.
 *
 * @param observed findings whose condition holds now (including muted ones)
 * @param opened findings new in this evaluation, or reopened
 * @param resolved open findings this evaluation no longer saw
 * @param failedRules rules that failed (their types were left as they were)
 */
public record Evaluation(String id, Instant startedAt, long durationMillis, long observed, long opened, long resolved,
		List<String> failedRules) {
}
