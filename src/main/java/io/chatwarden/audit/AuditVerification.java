package io.chatwarden.audit;

import java.util.List;

/**
 * What verifying the audit log found.
 *
 * @param intact whether every chained entry is there, unchanged, in order
 * @param entries chained entries checked
 * @param chains chains found (one per application start)
 * @param unchained entries written before chaining existed (not checkable)
 * @param problems what is wrong, at most {@link AuditVerifier#MAX_PROBLEMS}
 */
public record AuditVerification(boolean intact, long entries, int chains, long unchained, List<String> problems) {
}
