package io.chatwarden.findings;

import java.util.List;

import reactor.core.publisher.Flux;

/** A finding rule: one or more types, computed by queries in OpenSearch. */
interface Rule {

	/** The types this rule decides; their findings it no longer sees are resolved. */
	List<String> typeIds(FindingCatalog catalog);

	Flux<Observation> observe(RuleContext context);

}
