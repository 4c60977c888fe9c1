package io.chatwarden.audit;

import java.time.Clock;
import java.util.UUID;

import io.chatwarden.security.Caller;
import io.chatwarden.security.Callers;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Writes audit entries. Entries are only ever created (with {@code op_type=create} under
 * a fresh id), never updated or deleted by the app. An audited action completes only once
 * its entry is stored.
 */
@Service
public class AuditLog {

	static final String INDEX = "audit";

	private final OpenSearchAsyncClient client;

	private final String index;

	private final Clock clock;

	AuditLog(OpenSearchAsyncClient client, Indices indices, Clock clock) {
		this.client = client;
		this.index = indices.alias(INDEX);
		this.clock = clock;
	}

	/** Records an action of the current caller. */
	public Mono<Void> record(String action, String target, String query, Long resultCount) {
		return Callers.current().flatMap(caller -> write(caller, action, target, query, resultCount));
	}

	/**
	 * Records an action of a caller read earlier (for work that outlives the request's
	 * context).
	 */
	public Mono<Void> record(Caller caller, String action, String target, String query, Long resultCount) {
		return write(caller, action, target, query, resultCount);
	}

	private Mono<Void> write(Caller caller, String action, String target, String query, Long resultCount) {
		AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), this.clock.instant(), caller.name(),
				caller.kind(), caller.tokenId(), caller.role() == null ? null : caller.role().name(), action, target,
				query == null ? null : abbreviate(query), resultCount, "ok");
		return OpenSearchCalls.mono(() -> this.client.create(c -> c.index(this.index).id(event.id()).document(event)))
			.then();
	}

	private static String abbreviate(String text) {
		return text.length() > 4000 ? text.substring(0, 4000) + "…" : text;
	}

}
