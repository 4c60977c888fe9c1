package io.chatwarden.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatwarden.store.Indices;
import io.chatwarden.store.RawRequests;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Snapshots of every index of this installation ({@code <prefix>-*}, aliases included)
 * into the configured repository, the newest {@code keep} of them kept. Restoring is an
 * OpenSearch restore of one of them, see {@code docs/scaling.md}.
 */
@Component
public class Snapshots {

	private static final Log log = LogFactory.getLog(Snapshots.class);

	private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("uuuuMMdd'-'HHmmss")
		.withZone(ZoneOffset.UTC);

	private final RawRequests requests;

	private final ArchiveProperties.Snapshot properties;

	private final Clock clock;

	private final String prefix;

	private final String repository;

	private final ObjectMapper json = new ObjectMapper();

	private final AtomicReference<SnapshotView> last = new AtomicReference<>();

	private static final java.time.Duration CACHE = java.time.Duration.ofMinutes(1);

	private volatile Instant lastRead;

	Snapshots(RawRequests requests, ArchiveProperties properties, Indices indices, Clock clock) {
		this.requests = requests;
		this.properties = properties.snapshot();
		this.clock = clock;
		this.prefix = indices.prefix();
		this.repository = this.properties.repository() != null ? this.properties.repository()
				: this.prefix + "-snapshots";
	}

	/** The repository snapshots go to. */
	public String repository() {
		return this.repository;
	}

	/** Registers (or updates) the repository. */
	public Mono<Void> register() {
		ObjectNode body = this.json.createObjectNode().put("type", this.properties.type());
		Map<String, String> settings = new LinkedHashMap<>(this.properties.settings());
		if (this.properties.type().equals("fs")) {
			settings.putIfAbsent("location", this.prefix);
		}
		ObjectNode settingsNode = body.putObject("settings");
		settings.forEach(settingsNode::put);
		return this.requests.send("PUT", "/_snapshot/" + this.repository, body.toString())
			.map(response -> response.orFail("Registering the snapshot repository " + this.repository
					+ " (for type fs the cluster's path.repo must hold it)"))
			.then();
	}

	/**
	 * Takes a snapshot now and waits for it; then deletes the oldest beyond {@code keep}.
	 */
	public Mono<SnapshotView> take() {
		// Lazily: a scheduled job subscribes to the same Mono again, and each
		// subscription is a new snapshot with its own name.
		return Mono.defer(this::takeNow);
	}

	private Mono<SnapshotView> takeNow() {
		String name = this.prefix + "-" + NAME.format(this.clock.instant());
		String body = "{\"indices\":\"" + this.prefix
				+ "-*\",\"include_global_state\":false,\"ignore_unavailable\":true}";
		return register()
			.then(this.requests.send("PUT", "/_snapshot/" + this.repository + "/" + name + "?wait_for_completion=true",
					body))
			.map(response -> view(tree(response.orFail("Taking snapshot " + name).body()).path("snapshot")))
			.doOnNext(snapshot -> {
				this.last.set(snapshot);
				log.info("Snapshot " + snapshot.name() + " of " + snapshot.indices() + " indices: " + snapshot.state());
			})
			.flatMap(snapshot -> prune().thenReturn(snapshot));
	}

	/**
	 * This installation's snapshots, oldest first; empty when the repository is missing.
	 */
	public Mono<List<SnapshotView>> list() {
		return this.requests.send("GET", "/_snapshot/" + this.repository + "/" + this.prefix + "-*", null)
			.map(response -> {
				if (response.status() == 404) {
					return List.<SnapshotView>of();
				}
				List<SnapshotView> views = new ArrayList<>();
				tree(response.orFail("Listing snapshots").body()).path("snapshots")
					.forEach(node -> views.add(view(node)));
				views.sort(Comparator.comparing(SnapshotView::startedAt,
						Comparator.nullsFirst(Comparator.naturalOrder())));
				return List.copyOf(views);
			});
	}

	/** The newest snapshot, read from the repository (and remembered for metrics). */
	public Mono<SnapshotView> latest() {
		return list().flatMap(views -> views.isEmpty() ? Mono.empty() : Mono.just(views.get(views.size() - 1)))
			.doOnNext(this.last::set);
	}

	/**
	 * The newest snapshot, asking the repository at most once a minute (the sync page
	 * polls; listing a remote repository is slow).
	 */
	public Mono<SnapshotView> latestCached() {
		Instant readAt = this.lastRead;
		if (readAt != null && readAt.isAfter(this.clock.instant().minus(CACHE))) {
			return Mono.justOrEmpty(this.last.get());
		}
		return latest().doOnTerminate(() -> this.lastRead = this.clock.instant());
	}

	/** The newest snapshot this instance has seen, without asking the cluster. */
	SnapshotView remembered() {
		return this.last.get();
	}

	private Mono<Void> prune() {
		return list()
			.flatMapMany(views -> Flux
				.fromIterable(views.subList(0, Math.max(0, views.size() - Math.max(1, this.properties.keep())))))
			.concatMap(old -> this.requests.send("DELETE", "/_snapshot/" + this.repository + "/" + old.name(), null)
				.doOnNext(response -> log
					.info("Deleted snapshot " + old.name() + " (keeping the newest " + this.properties.keep() + ")")))
			.then();
	}

	private static SnapshotView view(JsonNode node) {
		return new SnapshotView(node.path("snapshot").asText(), node.path("state").asText("UNKNOWN"),
				instant(node.path("start_time")), instant(node.path("end_time")), node.path("indices").size(),
				node.path("shards").path("failed").asInt());
	}

	private static Instant instant(JsonNode node) {
		return node.isTextual() ? Instant.parse(node.asText()) : null;
	}

	private JsonNode tree(String body) {
		try {
			return this.json.readTree(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
