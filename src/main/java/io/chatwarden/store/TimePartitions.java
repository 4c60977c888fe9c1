package io.chatwarden.store;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatwarden.store.BulkWriter.BulkOp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Messages and events grow without bound, so they live in generations: indices behind the
 * same alias, each holding a time range of the documents' own timestamps
 * ({@code [from, next generation's from)}, recorded in the index's mapping
 * {@code _meta}). A document always goes to the generation its timestamp falls in, so a
 * re-delivered document replaces its copy instead of doubling it in a newer index, which
 * a plain rollover behind a write alias would do. Readers never notice: they read the
 * alias. A new generation starts ({@link #rollover}) when the newest one reaches a size,
 * a document count or a new month; it begins after the newest timestamp already stored,
 * and only the sync lease holder rolls over, before it writes.
 */
@Component
public class TimePartitions {

	private static final Log log = LogFactory.getLog(TimePartitions.class);

	/** The timestamp field of each partitioned logical index. */
	static final Map<String, String> TIME_FIELDS = Map.of(Indices.MESSAGES, "createdAt", Indices.EVENTS, "timestamp");

	private static final String FROM = "chatwarden_from";

	private static final DateTimeFormatter GENERATION_NAME = DateTimeFormatter.ofPattern("uuuuMMdd'-'HHmmssSSS")
		.withZone(ZoneOffset.UTC);

	private final RawRequests requests;

	private final Indices indices;

	private final StoreProperties.Rollover rollover;

	private final Clock clock;

	private final ObjectMapper json = new ObjectMapper();

	private final Map<String, List<Generation>> generations = new ConcurrentHashMap<>();

	private final Map<Class<?>, Optional<Method>> accessors = new ConcurrentHashMap<>();

	TimePartitions(RawRequests requests, Indices indices, StoreProperties properties, Clock clock) {
		this.requests = requests;
		this.indices = indices;
		this.rollover = properties.rollover();
		this.clock = clock;
	}

	/** Whether a logical index is split into time generations. */
	public static boolean partitioned(String logicalName) {
		return TIME_FIELDS.containsKey(logicalName);
	}

	/**
	 * Points each write to a partitioned alias at the generation of its document's
	 * timestamp (the oldest generation when it has none); other writes are unchanged.
	 */
	Mono<List<BulkOp>> route(List<BulkOp> ops) {
		List<String> logicalNames = TIME_FIELDS.keySet()
			.stream()
			.filter(name -> ops.stream().anyMatch(op -> op.index().equals(this.indices.alias(name))))
			.toList();
		if (logicalNames.isEmpty()) {
			return Mono.just(ops);
		}
		return Flux.fromIterable(logicalNames)
			.concatMap(name -> generations(name).map(list -> Map.entry(this.indices.alias(name), list)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map(byAlias -> ops.stream().map(op -> {
				List<Generation> list = byAlias.get(op.index());
				if (list == null || list.isEmpty()) {
					return op;
				}
				String logical = op.index().substring(this.indices.prefix().length() + 1);
				Instant at = timestamp(op.document(), TIME_FIELDS.get(logical));
				return new BulkOp(target(list, at).index(), op.id(), op.document(), op.merge());
			}).toList());
	}

	/** The generations of a partitioned index, oldest first (cached). */
	public Mono<List<Generation>> generations(String logicalName) {
		List<Generation> cached = this.generations.get(logicalName);
		return cached != null ? Mono.just(cached) : load(logicalName);
	}

	/** The generations of a partitioned index as stored now, oldest first. */
	public Mono<List<Generation>> current(String logicalName) {
		return Mono.defer(() -> load(logicalName));
	}

	/** Forgets cached generations, e.g. after another instance may have rolled over. */
	public void forget() {
		this.generations.clear();
	}

	/**
	 * Starts a new generation of every partitioned index whose newest one reached a
	 * threshold. Call only while holding the sync lease and before writing.
	 */
	public Mono<Void> rollover() {
		return Mono.defer(() -> {
			// Another instance may have rolled over since this one last looked.
			forget();
			return Flux.fromIterable(TIME_FIELDS.keySet()).concatMap(this::rolloverIfDue).then();
		});
	}

	/** Starts a new generation when the newest one is due; returns whether it did. */
	public Mono<Boolean> rolloverIfDue(String logicalName) {
		return load(logicalName).flatMap(list -> {
			if (list.isEmpty()) {
				return Mono.just(false);
			}
			Generation newest = list.get(list.size() - 1);
			return stats(newest.index(), TIME_FIELDS.get(logicalName)).flatMap(stats -> {
				String why = due(newest, stats);
				if (why == null) {
					return Mono.just(false);
				}
				Instant from = stats.newest() == null ? this.clock.instant() : stats.newest().plusMillis(1);
				if (why.equals("month") && from.isBefore(monthStart(this.clock.instant()))) {
					from = monthStart(this.clock.instant());
				}
				return create(newest, from, why).thenReturn(true);
			});
		});
	}

	/** Deletes a whole generation (retention); never the newest. */
	public Mono<Void> delete(Generation generation) {
		return this.requests.send("DELETE", "/" + generation.index(), null)
			// Gone already (deleted by another run, or by hand) is what was wanted.
			.map(response -> response.status() == 404 ? response
					: response.orFail("Deleting generation " + generation.index()))
			.doOnNext(response -> {
				log.info("Deleted generation " + generation.index() + " (retention)");
				forget();
			})
			.then();
	}

	private String due(Generation newest, Stats stats) {
		if (stats.docs() == 0) {
			return null;
		}
		if (this.rollover.maxDocs() > 0 && stats.docs() >= this.rollover.maxDocs()) {
			return "documents";
		}
		if (stats.primaryBytes() >= this.rollover.maxPrimarySize().toBytes()) {
			return "size";
		}
		Instant started = newest.from() != null ? newest.from() : stats.oldest();
		if (this.rollover.monthly() && started != null && started.isBefore(monthStart(this.clock.instant()))) {
			return "month";
		}
		return null;
	}

	private Mono<Void> create(Generation newest, Instant from, String why) {
		Matcher versioned = Pattern.compile("^(.*-v\\d+)(-.*)?$").matcher(newest.index());
		String base = versioned.matches() ? versioned.group(1) : newest.index();
		String name = base + "-" + GENERATION_NAME.format(from);
		String body = "{\"mappings\":{\"_meta\":{\"" + FROM + "\":\"" + from + "\"}}}";
		return this.requests.send("PUT", "/" + name, body).map(response -> {
			if (!response.ok() && !response.body().contains("resource_already_exists_exception")) {
				response.orFail("Creating generation " + name);
			}
			log.info("Rolled over to " + name + " for documents from " + from + " (" + why + " threshold)");
			forget();
			return response;
		}).then();
	}

	private Mono<List<Generation>> load(String logicalName) {
		String alias = this.indices.alias(logicalName);
		return this.requests.send("GET", "/" + alias + "/_mapping", null).map(response -> {
			if (response.status() == 404) {
				return List.<Generation>of();
			}
			response.orFail("Reading the generations of " + alias);
			List<Generation> list = new ArrayList<>();
			try {
				JsonNode root = this.json.readTree(response.body());
				for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
					Map.Entry<String, JsonNode> index = it.next();
					String from = index.getValue().path("mappings").path("_meta").path(FROM).asText(null);
					list.add(new Generation(index.getKey(), from == null ? null : Instant.parse(from)));
				}
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			list.sort(Comparator.comparing(Generation::from, Comparator.nullsFirst(Comparator.naturalOrder())));
			List<Generation> sorted = List.copyOf(list);
			this.generations.put(logicalName, sorted);
			return sorted;
		});
	}

	private Mono<Stats> stats(String index, String field) {
		String aggregations = "{\"size\":0,\"track_total_hits\":true,\"aggs\":{\"newest\":{\"max\":{\"field\":\""
				+ field + "\"}},\"oldest\":{\"min\":{\"field\":\"" + field + "\"}}}}";
		Mono<JsonNode> bounds = this.requests.send("POST", "/" + index + "/_search", aggregations)
			.map(response -> tree(response.orFail("Reading the time range of " + index).body()));
		Mono<JsonNode> sizes = this.requests.send("GET", "/" + index + "/_stats/docs,store", null)
			.map(response -> tree(response.orFail("Reading the size of " + index).body()));
		return Mono.zip(bounds, sizes).map(both -> {
			JsonNode primaries = both.getT2().path("indices").path(index).path("primaries");
			return new Stats(both.getT1().path("hits").path("total").path("value").asLong(),
					primaries.path("store").path("size_in_bytes").asLong(),
					instant(both.getT1().path("aggregations").path("oldest")),
					instant(both.getT1().path("aggregations").path("newest")));
		});
	}

	private static Instant instant(JsonNode aggregation) {
		String text = aggregation.path("value_as_string").asText(null);
		return text == null ? null : Instant.parse(text);
	}

	private JsonNode tree(String body) {
		try {
			return this.json.readTree(body);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Instant monthStart(Instant now) {
		return now.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
	}

	static Generation target(List<Generation> generations, Instant at) {
		Generation chosen = generations.get(0);
		if (at == null) {
			return chosen;
		}
		for (Generation generation : generations) {
			if (generation.from() == null || !generation.from().isAfter(at)) {
				chosen = generation;
			}
		}
		return chosen;
	}

	private Instant timestamp(Object document, String field) {
		Object value;
		if (document instanceof Map<?, ?> map) {
			value = map.get(field);
		}
		else {
			Optional<Method> accessor = this.accessors.computeIfAbsent(document.getClass(),
					type -> accessor(type, field));
			try {
				value = accessor.isPresent() ? accessor.get().invoke(document) : null;
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Could not read " + field + " of " + document.getClass(), ex);
			}
		}
		if (value instanceof Instant instant) {
			return instant;
		}
		return value instanceof String text ? Instant.parse(text) : null;
	}

	private static Optional<Method> accessor(Class<?> type, String field) {
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.getName().equals(field)) {
					Method method = component.getAccessor();
					method.setAccessible(true);
					return Optional.of(method);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * One index of a partitioned alias.
	 *
	 * @param index the concrete index name
	 * @param from the earliest document timestamp it holds; null for the first
	 * generation, which also takes documents without a timestamp
	 */
	public record Generation(String index, Instant from) {
	}

	private record Stats(long docs, long primaryBytes, Instant oldest, Instant newest) {
	}

}
