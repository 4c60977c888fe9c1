package io.chatwarden.system;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds on a GraphQL request, checked before it runs: nesting depth, and a complexity
 * where a field costs 1 plus its children times the page size it asks for, so nested
 * connections cannot fan out into millions of documents.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

	static final int MAX_DEPTH = 15;

	static final int MAX_COMPLEXITY = 100_000;

	@Bean
	MaxQueryDepthInstrumentation maxQueryDepthInstrumentation() {
		return new MaxQueryDepthInstrumentation(MAX_DEPTH);
	}

	@Bean
	MaxQueryComplexityInstrumentation maxQueryComplexityInstrumentation() {
		FieldComplexityCalculator perPage = (environment, childComplexity) -> {
			Object first = environment.getArguments().get("first");
			int size = (first instanceof Integer n) ? Math.max(1, Math.min(n, PageRequest.MAX_SIZE))
					: (environment.getFieldDefinition().getArgument("first") != null ? PageRequest.DEFAULT_SIZE : 1);
			return 1 + childComplexity * size;
		};
		return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY, perPage);
	}

}
