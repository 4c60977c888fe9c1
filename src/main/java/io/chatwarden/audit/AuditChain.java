package io.chatwarden.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.chatwarden.system.SecretFile;

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

	private final SecretKeySpec key;

	private final String id = UUID.randomUUID().toString();

	private long next;

	private String head;

	AuditChain(AuditProperties properties) {
		String secret = (properties.key() != null && !properties.key().isBlank()) ? properties.key()
				: SecretFile.readOrCreate(properties.keyFileOrDefault(), 32);
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
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
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return HexFormat.of().formatHex(mac.doFinal(canonical(event).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every field in a fixed order, each length-prefixed so that no two different entries
	 * read the same.
	 */
	private static String canonical(AuditEvent event) {
		StringBuilder text = new StringBuilder();
		for (Object field : new Object[] { event.id(), event.at(), event.actor(), event.actorKind(), event.tokenId(),
				event.role(), event.action(), event.target(), event.query(), event.resultCount(), event.outcome(),
				event.filters(), event.targets() == null ? null : String.join("\u001f", event.targets()), event.chain(),
				event.seq(), event.prevHash() }) {
			if (field == null) {
				text.append("-;");
			}
			else {
				String value = field.toString();
				text.append(value.length()).append(':').append(value).append(';');
			}
		}
		return text.toString();
	}

}
