package io.chatwarden.findings;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.chatwarden.store.Indices;
import io.chatwarden.store.OpenSearchCalls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * One evaluation: every rule's observations merged into the findings index (new ones
 * open, resolved ones reopen, muted ones stay muted), then the open findings of each rule
 * that ran to the end but did not see them are resolved. Callers serialize evaluations
 * through {@link FindingScheduler}.
 */
@Component
class FindingEvaluator {

	private static final Log log = LogFactory.getLog(FindingEvaluator.class);

	private static final int BATCH = 500;

	private static final List<String> SOURCES = List.of(Indices.GPTS, Indices.USERS, Indices.CONVERSATIONS,
			Indices.MESSAGES, Indices.ADMIN_KEYS, Indices.PROJECT_KEYS, Indices.INVITES, Indices.EVENTS);

	private final List<Rule> rules;

	private final FindingCatalog catalog;

	private final FindingStore store;

	private final WebhookAlerts alerts;

	private final OpenSearchAsyncClient client;

	private final Indices indices;

	private final FindingsProperties properties;

	private final Composites composites;

	private final Clock clock;

	FindingEvaluator(FindingCatalog catalog, FindingStore store, WebhookAlerts alerts, OpenSearchAsyncClient client,
			Indices indices, FindingsProperties properties, Composites composites, Clock clock) {
		this.catalog = catalog;
		this.store = store;
		this.alerts = alerts;
		this.client = client;
		this.indices = indices;
		this.properties = properties;
		this.composites = composites;
		this.clock = clock;
		List<Rule> all = new ArrayList<>(PostureRules.filters());
		all.addAll(List.of(new InactiveUserRule(), new GptOwnerRule(), new ExternalShareRule(), new DlpRule(),
				new SecretReuseRule(), new RoleRaisedRule(), new SettingOffRule(), new LoginCountryRule(),
				new LogListerRule()));
		this.rules = List.copyOf(all);
	}

	Mono<Evaluation> evaluate() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			long started = System.nanoTime();
			String evaluationId = UUID.randomUUID().toString();
			RuleContext context = new RuleContext(now, this.properties, this.indices, this.composites, this.client,
					this.catalog);
			Set<String> seen = ConcurrentHashMap.newKeySet();
			List<FindingDocument> opened = Collections.synchronizedList(new ArrayList<>());
			List<String> decided = Collections.synchronizedList(new ArrayList<>());
			List<String> failed = Collections.synchronizedList(new ArrayList<>());
			return refreshSources().then(this.catalog.byId())
				.flatMap(types -> Flux.fromIterable(this.rules)
					.concatMap(rule -> run(rule, context, types, seen, evaluationId, opened, decided, failed))
					.then(Mono.defer(() -> this.store.resolveUnseen(evaluationId, List.copyOf(decided), now))))
				.flatMap(resolved -> {
					Evaluation evaluation = new Evaluation(evaluationId, now, (System.nanoTime() - started) / 1_000_000,
							seen.size(), opened.size(), resolved, List.copyOf(failed));
					log.info("Findings evaluated in " + evaluation.durationMillis() + " ms: " + evaluation.observed()
							+ " holding, " + evaluation.opened() + " opened, " + evaluation.resolved() + " resolved"
							+ (failed.isEmpty() ? "" : ", failed rules: " + failed));
					return this.alerts.publish(opened.stream().filter(f -> f.severity().alerts()).toList())
						.thenReturn(evaluation);
				});
		});
	}

	private Mono<Void> run(Rule rule, RuleContext context, Map<String, FindingType> types, Set<String> seen,
			String evaluationId, List<FindingDocument> opened, List<String> decided, List<String> failed) {
		List<String> active = rule.typeIds(this.catalog)
			.stream()
			.filter(id -> types.containsKey(id) && !types.get(id).ignored())
			.toList();
		if (active.isEmpty()) {
			return Mono.empty();
		}
		return rule.observe(context)
			.filter(observation -> active.contains(observation.typeId()) && seen.add(observation.findingId()))
			.buffer(BATCH)
			.concatMap(batch -> merge(batch, types, context.now(), evaluationId))
			.doOnNext(opened::addAll)
			.then(Mono.fromRunnable(() -> decided.addAll(active)))
			.onErrorResume(ex -> {
				log.warn("Finding rule for " + active + " failed; its findings are left as they were: "
						+ ex.getMessage());
				failed.add(String.join(",", active));
				return Mono.empty();
			})
			.then();
	}

	/** Writes a batch of observations; returns the findings it opened or reopened. */
	private Mono<List<FindingDocument>> merge(List<Observation> batch, Map<String, FindingType> types, Instant now,
			String evaluationId) {
		return this.store.getAll(batch.stream().map(Observation::findingId).toList()).flatMap(existing -> {
			List<FindingDocument> documents = new ArrayList<>();
			List<FindingDocument> opened = new ArrayList<>();
			for (Observation observation : batch) {
				FindingType type = types.get(observation.typeId());
				FindingDocument before = existing.get(observation.findingId());
				FindingDocument after = before == null ? FindingDocument.opened(observation, type, now, evaluationId)
						: before.seenAgain(observation, type, now, evaluationId);
				documents.add(after);
				if (before == null || after.reopenedFrom(before)) {
					opened.add(after);
				}
			}
			return this.store.write(documents).thenReturn(opened);
		});
	}

	/**
	 * Reads see every document the sync wrote, without waiting for a refresh interval.
	 */
	private Mono<Void> refreshSources() {
		List<String> aliases = SOURCES.stream().map(this.indices::alias).toList();
		return OpenSearchCalls.mono(
				() -> this.client.indices().refresh(r -> r.index(aliases).ignoreUnavailable(true).allowNoIndices(true)))
			.then();
	}

}
