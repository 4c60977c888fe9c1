package io.chatwarden.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import reactor.core.publisher.Flux;

import static io.chatwarden.findings.Queries.all;
import static io.chatwarden.findings.Queries.exists;
import static io.chatwarden.findings.Queries.terms;

/**
 * {@code workspace-security-setting-off}: a workspace security setting (SSO, SCIM, IP
 * allow-list, …) whose latest successful toggle turned it off. Turning it on again
 * resolves it; settings not listed in
 * {@code chatwarden.findings.events.security-settings} never count.
 */
final class SettingOffRule implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(EventTypes.SECURITY_SETTING_OFF);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		Map<String, CompositeAggregationSource> sources = new LinkedHashMap<>();
		sources.put("setting", Composites.terms("setting", false));
		return context.composites()
			.pages(EventAggregations.events(context),
					all(terms("setting", context.properties().events().securitySettings()), exists("settingEnabled"),
							EventAggregations.succeeded()),
					sources, Map.of("latest", EventAggregations.latest()), context.pageSize())
			.flatMapIterable(page -> page)
			.map(EventAggregations::latest)
			.filter(event -> Boolean.FALSE.equals(event.settingEnabled()))
			.map(event -> new Observation(EventTypes.SECURITY_SETTING_OFF, "workspace-setting", event.setting(),
					event.setting(),
					event.setting() + " was turned off by " + event.actor() + " at " + event.timestamp(), 1, List.of())
				.concerning(event.actorEmail(), event.timestamp())
				.fromEvents(List.of(event.eventId())));
	}

}
