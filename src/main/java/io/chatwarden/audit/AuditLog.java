package io.chatwarden.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chatwarden.security.Caller;
import io.chatwarden.security.Callers;
import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.search.Hit;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Writes audit entries. Entries are only ever created (with {@code op_type=create} under
 * a fresh id), never updated or deleted by the app, and each is sealed into a hash chain
 * ({@link AuditChain}) so that a change made behind the app's back shows. An audited
 * action completes only once its entry is stored.
 */
@Service
public class AuditLog {

	static final String INDEX = "audit";

	/** At most this many ids in one entry's {@code targets}. */
	static final int MAX_TARGETS = 500;

	private static final ObjectMapper FILTERS = JsonMapper.builder()
		.addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.serializationInclusion(JsonInclude.Include.NON_EMPTY)
		.build();

	private final OpenSearchAsyncClient client;

	private final String index;

	private final Clock clock;

	private final AuditChain chain;

	private final Mono<Void> chainStarted;

	AuditLog(OpenSearchAsyncClient client, Indices indices, Clock clock, AuditChain chain) {
		this.client = client;
		this.index = indices.alias(INDEX);
		this.clock = clock;
		this.chain = chain;
		this.chainStarted = newestHash().doOnNext(chain::start)
			.switchIfEmpty(Mono.fromRunnable(() -> chain.start(null)))
			.then()
			// Kept once done; a failure (cluster not ready) is retried by the next entry.
			.cache(done -> java.time.Duration.ofMillis(Long.MAX_VALUE), failed -> java.time.Duration.ZERO,
					() -> java.time.Duration.ofMillis(Long.MAX_VALUE));
	}

	/** Records an action of the current caller. */
	public Mono<Void> record(String action, String target, String query, Long resultCount) {
		return Callers.current().flatMap(caller -> write(caller, entry(action, target, query, resultCount)));
	}

	/**
	 * Records an action of a caller read earlier (for work that outlives the request's
	 * context).
	 */
	public Mono<Void> record(Caller caller, String action, String target, String query, Long resultCount) {
		return write(caller, entry(action, target, query, resultCount));
	}

	/** Records an action of the current caller in full. */
	public Mono<Void> record(Entry entry) {
		return Callers.current().flatMap(caller -> write(caller, entry));
	}

	/** Records an action of a caller read earlier, in full. */
	public Mono<Void> record(Caller caller, Entry entry) {
		return write(caller, entry);
	}

	private static Entry entry(String action, String target, String query, Long resultCount) {
		return new Entry(action, target, query, null, null, resultCount, null);
	}

	private Mono<Void> write(Caller caller, Entry entry) {
		return this.chainStarted.then(Mono.defer(() -> {
			AuditEvent event = this.chain.seal(new AuditEvent(UUID.randomUUID().toString(),
					this.clock.instant().truncatedTo(ChronoUnit.MILLIS), caller.name(), caller.kind(), caller.tokenId(),
					caller.role() == null ? null : caller.role().name(), entry.action(), entry.target(),
					entry.query() == null ? null : abbreviate(entry.query()), entry.resultCount(),
					entry.outcome() == null ? "ok" : abbreviate(entry.outcome()), json(entry.filters()),
					targets(entry.targets()), null, null, null, null));
			return OpenSearchCalls
				.mono(() -> this.client.create(c -> c.index(this.index).id(event.id()).document(event)))
				.then();
		}));
	}

	/** The hash of the newest chained entry, where this instance's chain links on. */
	private Mono<String> newestHash() {
		return OpenSearchCalls
			.mono(() -> this.client.search(s -> s.index(this.index)
				.size(1)
				.query(q -> q.exists(e -> e.field("hash")))
				.sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
				.sort(o -> o.field(f -> f.field("seq").order(SortOrder.Desc))), AuditEvent.class))
			.flatMap(response -> Mono
				.justOrEmpty(response.hits().hits().stream().findFirst().map(Hit::source).map(AuditEvent::hash)));
	}

	private static String json(Object filters) {
		if (filters == null) {
			return null;
		}
		try {
			String text = FILTERS.writeValueAsString(filters);
			return "{}".equals(text) || "null".equals(text) ? null : abbreviate(text);
		}
		catch (JsonProcessingException ex) {
			return abbreviate(String.valueOf(filters));
		}
	}

	private static List<String> targets(List<String> targets) {
		if (targets == null || targets.isEmpty()) {
			return null;
		}
		return targets.size() > MAX_TARGETS ? List.copyOf(targets.subList(0, MAX_TARGETS)) : List.copyOf(targets);
	}

	private static String abbreviate(String text) {
		return text.length() > 4000 ? text.substring(0, 4000) + "…" : text;
	}

	/**
	 * What an entry says.
	 *
	 * @param action what was done
	 * @param target the id acted on, if one
	 * @param query the search text, if any
	 * @param filters the filters or other arguments (any object; stored as JSON)
	 * @param targets the ids read, when several
	 * @param resultCount how many results the caller received
	 * @param outcome null for ok, else what went wrong
	 */
	public record Entry(String action, String target, String query, Object filters, List<String> targets,
			Long resultCount, String outcome) {

		public static Entry of(String action) {
			return new Entry(action, null, null, null, null, null, null);
		}

		public Entry action(String action) {
			return new Entry(action, this.target, this.query, this.filters, this.targets, this.resultCount,
					this.outcome);
		}

		public Entry target(String target) {
			return new Entry(this.action, target, this.query, this.filters, this.targets, this.resultCount,
					this.outcome);
		}

		public Entry query(String query) {
			return new Entry(this.action, this.target, query, this.filters, this.targets, this.resultCount,
					this.outcome);
		}

		public Entry filters(Object filters) {
			return new Entry(this.action, this.target, this.query, filters, this.targets, this.resultCount,
					this.outcome);
		}

		public Entry targets(List<String> targets) {
			return new Entry(this.action, this.target, this.query, this.filters, targets, this.resultCount,
					this.outcome);
		}

		public Entry resultCount(Long resultCount) {
			return new Entry(this.action, this.target, this.query, this.filters, this.targets, resultCount,
					this.outcome);
		}

		public Entry outcome(String outcome) {
			return new Entry(this.action, this.target, this.query, this.filters, this.targets, this.resultCount,
					outcome);
		}

	}

}
