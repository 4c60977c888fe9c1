package io.chatwarden.findings;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Flux;

/**
 * A type that holds for every document of one index matching a filter: one finding per
 * document, named by one of its fields.
 */
record FilterRule(String typeId, String index, String resourceType, String nameField,
		Function<RuleContext, Query> filter) implements Rule {

	@Override
	public List<String> typeIds(FindingCatalog catalog) {
		return List.of(this.typeId);
	}

	@Override
	public Flux<Observation> observe(RuleContext context) {
		return context.composites()
			.pages(context.indices().alias(this.index), this.filter.apply(context),
					Composites.sources("id", "id", "name", this.nameField),
					Map.of(Concerning.AGGREGATION, Concerning.forIndex(this.index).aggregation()), context.pageSize())
			.flatMapIterable(page -> page)
			.map(bucket -> Concerning.forIndex(this.index)
				.apply(Observation.of(this.typeId, this.resourceType, Composites.key(bucket, "id"),
						Composites.key(bucket, "name")), bucket));
	}

}
