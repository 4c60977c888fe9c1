package io.chatwarden.audit;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Seals audit entries into a hash chain: each entry carries its writer's chain id, its
 * place in the chain, the hash of the entry before it, and an HMAC-SHA256 over all of
 * that and its own fields. The key lives outside the cluster (configured, or a 0600
 * file), so someone who can write to the index can delete or edit entries but cannot hide
 * it: {@link AuditVerifier} finds the gap or the broken hash.
 * <p>
 * One chain per application start: its first entry links to the newest entry of the log
 * when it started, so a deleted chain breaks the next one's link.
 */
@Component
class AuditChain {

	static final String GENESIS = "genesis";

	private final IntegrityKey key;

	private final String id = UUID.randomUUID().toString();

	private long next;

	private String head;

	AuditChain(IntegrityKey key) {
		this.key = key;
	}

	String id() {
		return this.id;
	}

	/** Sets where this chain starts; called once, before the first entry. */
	synchronized void start(String newestHashInTheLog) {
		if (this.head == null) {
			this.head = newestHashInTheLog == null ? GENESIS : newestHashInTheLog;
		}
	}

	/** The last sequence number handed out, or -1 before the first entry. */
	synchronized long lastSeq() {
		return this.next - 1;
	}

	/** This entry as the next link of the chain. */
	synchronized AuditEvent seal(AuditEvent event) {
		String previous = this.head == null ? GENESIS : this.head;
		long seq = this.next++;
		AuditEvent linked = event.sealed(this.id, seq, previous, null);
		String hash = hash(linked);
		this.head = hash;
		return linked.sealed(this.id, seq, previous, hash);
	}

	/** The hash an entry must carry, from everything but its hash. */
	String hash(AuditEvent event) {
		return this.key
			.seal(IntegrityKey.canonical(event.id(), event.at(), event.actor(), event.actorKind(), event.tokenId(),
					event.role(), event.action(), event.target(), event.query(), event.resultCount(), event.outcome(),
					event.filters(), event.targets() == null ? null : String.join("\u001f", event.targets()),
					event.chain(), event.seq(), event.prevHash()));
	}

}
