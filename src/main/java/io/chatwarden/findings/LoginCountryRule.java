package io.chatwarden.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.aggregations.CompositeBucket;
import reactor.core.publisher.Flux;

import static io.chatwarden.findings.Queries.all;
import static io.chatwarden.findings.Queries.exists;
import static io.chatwarden.findings.Queries.term;

/**
 * {@code login-new-country}: a user who logged in from a country first seen for them
 * within the recent window, having logged in from elsewhere before. A user's first
 * countries are their baseline, not a finding. Only successful logins count
 * ({@code AUTH_LOG} with {@code action_data.action} {@code login_success}): a failed
 * login, a token issue or a logout is not a login, and a blank country is no country. One
 * finding per user (naming every new country), so its id is the user's.
 */
final class LoginCountryRule implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(EventTypes.LOGIN_NEW_COUNTRY);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		Instant recent = context.now().minus(context.properties().events().recentWindow());
		Map<String, CompositeAggregationSource> sources = new LinkedHashMap<>();
		sources.put("user", Composites.terms("actor", false));
		sources.put("country", Composites.terms("country", false));
		// Buckets come sorted by user, then country: a user's countries are adjacent,
		// even across pages.
		return EventUsers.resolve(context, context.composites()
			.pages(EventAggregations.events(context),
					all(term("type", "AUTH_LOG"), term("action", "login_success"), exists("country"), exists("actor"),
							EventAggregations.succeeded()),
					sources, Map.of("first", EventAggregations.min(), "last", EventAggregations.max()),
					context.pageSize())
			.flatMapIterable(page -> page)
			.map(CountrySeen::of)
			.bufferUntilChanged(CountrySeen::user)
			.mapNotNull(countries -> newCountries(countries, recent)));
	}

	private static Observation newCountries(List<CountrySeen> countries, Instant recent) {
		Instant baseline = countries.stream().map(CountrySeen::first).min(Instant::compareTo).orElseThrow();
		List<String> found = new ArrayList<>();
		for (CountrySeen seen : countries) {
			if (!seen.first().isBefore(recent) && baseline.isBefore(seen.first())) {
				found.add(seen.country() + " (first " + seen.first() + ")");
			}
		}
		if (found.isEmpty()) {
			return null;
		}
		String user = countries.get(0).user();
		return new Observation(EventTypes.LOGIN_NEW_COUNTRY, "user", user, user,
				user + " logged in from a new country: " + String.join(", ", found), found.size(), List.of());
	}

	/** When a user was first and last seen logging in from a country. */
	private record CountrySeen(String user, String country, Instant first, Instant last) {

		static CountrySeen of(CompositeBucket bucket) {
			return new CountrySeen(Composites.key(bucket, "user"), Composites.key(bucket, "country"),
					EventAggregations.instant(bucket, "first"), EventAggregations.instant(bucket, "last"));
		}

	}

}
