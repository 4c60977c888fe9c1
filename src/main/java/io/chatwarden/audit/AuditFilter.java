package io.chatwarden.audit;

import java.time.Instant;

/** The {@code AuditFilter} input: narrows the audit log by actor, action and time. */
public record AuditFilter(String actor, String action, Instant from, Instant to) {
}
