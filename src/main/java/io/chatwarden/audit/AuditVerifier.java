package io.chatwarden.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Walks every chain of the audit log in order and checks each link: no sequence number
 * missing (a deleted entry), each hash recomputed with the key (an edited or forged
 * entry), each entry naming the hash of the one before, each chain's first entry linking
 * to an entry that exists (a deleted chain), and this instance's own chain reaching as
 * far as it wrote (a deleted tail).
 */
@Component
class AuditVerifier {

	static final int MAX_PROBLEMS = 100;

	private static final int PAGE = 1000;

	private final OpenSearchAsyncClient client;

	private final String index;

	private final AuditChain chain;

	AuditVerifier(OpenSearchAsyncClient client, Indices indices, AuditChain chain) {
		this.client = client;
		this.index = indices.alias(AuditLog.INDEX);
		this.chain = chain;
	}

	Mono<AuditVerification> verify() {
		Walk walk = new Walk();
		return refresh().then(page(null, walk)).then(unchained()).map(unchained -> walk.result(unchained));
	}

	private Mono<Void> refresh() {
		return OpenSearchCalls.mono(() -> this.client.indices().refresh(r -> r.index(this.index))).then();
	}

	private Mono<Void> page(List<FieldValue> after, Walk walk) {
		return OpenSearchCalls.mono(() -> this.client.search(s -> {
			s.index(this.index)
				.size(PAGE)
				.query(q -> q.exists(e -> e.field("hash")))
				.sort(o -> o.field(f -> f.field("chain").order(SortOrder.Asc)))
				.sort(o -> o.field(f -> f.field("seq").order(SortOrder.Asc)));
			if (after != null) {
				s.searchAfter(after);
			}
			return s;
		}, AuditEvent.class)).flatMap(response -> {
			response.hits().hits().forEach(hit -> walk.check(hit.source()));
			if (response.hits().hits().size() < PAGE) {
				return Mono.empty();
			}
			return page(last(response), walk);
		});
	}

	private static List<FieldValue> last(SearchResponse<AuditEvent> response) {
		Hit<AuditEvent> last = response.hits().hits().get(response.hits().hits().size() - 1);
		return last.sort();
	}

	private Mono<Long> unchained() {
		return OpenSearchCalls
			.mono(() -> this.client.count(
					c -> c.index(this.index).query(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field("hash")))))))
			.map(response -> response.count());
	}

	/** The state of one walk through the chains. */
	private final class Walk {

		private final List<String> problems = new ArrayList<>();

		private final Set<String> hashes = new HashSet<>();

		private final Set<String> links = new HashSet<>();

		private String chainId;

		private long expectedSeq;

		private String previousHash;

		private long entries;

		private int chains;

		private long ownLastSeq = -1;

		void check(AuditEvent event) {
			this.entries++;
			if (!event.chain().equals(this.chainId)) {
				this.chainId = event.chain();
				this.chains++;
				this.expectedSeq = 0;
				this.previousHash = null;
			}
			long seq = event.seq() == null ? -1 : event.seq();
			if (seq != this.expectedSeq) {
				problem("chain " + event.chain() + ": entries " + this.expectedSeq + " to " + (seq - 1)
						+ " are missing (deleted, or their write failed)");
				this.previousHash = null;
			}
			if (seq == 0) {
				if (!AuditChain.GENESIS.equals(event.prevHash())) {
					this.links.add(event.prevHash());
				}
			}
			else if (this.previousHash != null && !this.previousHash.equals(event.prevHash())) {
				problem("chain " + event.chain() + ": entry " + seq + " does not follow entry " + (seq - 1));
			}
			if (!AuditVerifier.this.chain.hash(event.sealed(event.chain(), seq, event.prevHash(), null))
				.equals(event.hash())) {
				problem("chain " + event.chain() + ": entry " + seq + " (" + event.id()
						+ ") was changed after it was written");
			}
			if (event.chain().equals(AuditVerifier.this.chain.id())) {
				this.ownLastSeq = seq;
			}
			this.hashes.add(event.hash());
			this.previousHash = event.hash();
			this.expectedSeq = seq + 1;
		}

		AuditVerification result(long unchained) {
			for (String link : this.links) {
				if (!this.hashes.contains(link)) {
					problem("a chain starts after an entry that is gone (a whole chain was deleted)");
				}
			}
			long written = AuditVerifier.this.chain.lastSeq();
			if (written > this.ownLastSeq) {
				problem("this instance's chain " + AuditVerifier.this.chain.id() + " wrote entries up to " + written
						+ " but the log ends at " + this.ownLastSeq + " (its newest entries were deleted)");
			}
			return new AuditVerification(this.problems.isEmpty(), this.entries, this.chains, unchained,
					List.copyOf(this.problems));
		}

		private void problem(String text) {
			if (this.problems.size() < MAX_PROBLEMS) {
				this.problems.add(text);
			}
		}

	}

}
