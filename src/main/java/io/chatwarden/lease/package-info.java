/**
 * Leases held in OpenSearch, so that several Chatwarden instances on one cluster run each
 * background job (sync, finding evaluation, snapshots) exactly once: acquired and renewed
 * with optimistic concurrency ({@code if_seq_no}/{@code if_primary_term}), lost on expiry
 * when the holder dies, and carrying the shared schedule (when the job last completed).
 */
package io.chatwarden.lease;
