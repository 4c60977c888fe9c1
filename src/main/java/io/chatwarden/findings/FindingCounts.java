package io.chatwarden.findings;

import java.util.List;

/** Finding counts for dashboards. */
record FindingCounts(long total, List<SeverityCount> bySeverity, List<StatusCount> byStatus, List<TypeCount> byType) {

	/** Findings of one severity. */
	record SeverityCount(Severity severity, long count) {
	}

	/** Findings in one status. */
	record StatusCount(FindingStatus status, long count) {
	}

	/** Findings of one type. */
	record TypeCount(String typeId, long count) {
	}

}
