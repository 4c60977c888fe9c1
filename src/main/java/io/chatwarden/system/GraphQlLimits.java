package io.chatwarden.system;

import java.util.List;
import java.util.Set;

import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.ExecutionResult;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds on a GraphQL request, checked before it runs: nesting depth; a complexity where
 * a field costs 1 plus its children times the page size it asks for, so nested
 * connections cannot fan out into millions of documents, and where a root search costs
 * what it holds on the cluster (a point in time, aggregations); and a cap on root fields,
 * with a lower one on searches, so aliasing one query hundreds of times is refused.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

	static final int MAX_DEPTH = 15;

	static final int MAX_COMPLEXITY = 100_000;

	/** Root fields of one request. */
	static final int MAX_ROOT_FIELDS = 30;

	/** Root fields that open a point in time on the cluster. */
	static final Set<String> SEARCHES = Set.of("searchConversations");

	/** Searches in one request; each also costs {@link #SEARCH_COST} complexity. */
	static final int MAX_SEARCHES = 4;

	static final int SEARCH_COST = 15_000;

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
			boolean rootSearch = environment.getParentEnvironment() == null
					&& SEARCHES.contains(environment.getField().getName());
			return (rootSearch ? SEARCH_COST : 1) + childComplexity * size;
		};
		return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY, perPage);
	}

	@Bean
	RootFieldLimit rootFieldLimit() {
		return new RootFieldLimit();
	}

	/** Refuses an operation with too many root fields, or too many searches. */
	static final class RootFieldLimit extends SimplePerformantInstrumentation {

		@Override
		public InstrumentationContext<ExecutionResult> beginExecuteOperation(
				InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
			ExecutionContext context = parameters.getExecutionContext();
			List<String> fields = RootFields.of(context.getOperationDefinition().getSelectionSet(),
					context.getFragmentsByName());
			if (fields.size() > MAX_ROOT_FIELDS) {
				throw new AbortExecutionException("A request may ask for at most " + MAX_ROOT_FIELDS
						+ " root fields (aliases count), this one asks for " + fields.size());
			}
			long searches = fields.stream().filter(SEARCHES::contains).count();
			if (searches > MAX_SEARCHES) {
				throw new AbortExecutionException("A request may run at most " + MAX_SEARCHES
						+ " searches (aliases count), this one runs " + searches);
			}
			return SimpleInstrumentationContext.noOp();
		}

	}

}
