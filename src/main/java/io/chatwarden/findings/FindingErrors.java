package io.chatwarden.findings;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Maps a missing finding or type to a NOT_FOUND error, and an evaluation refused while
 * another instance evaluates to a CONFLICT error.
 */
@ControllerAdvice
class FindingErrors {

	static final ErrorClassification CONFLICT = ErrorClassification.errorClassification("CONFLICT");

	@GraphQlExceptionHandler
	GraphQLError notFound(FindingNotFoundException ex, DataFetchingEnvironment env) {
		return GraphQLError.newError()
			.errorType(ErrorType.NOT_FOUND)
			.message(ex.getMessage())
			.path(env.getExecutionStepInfo().getPath())
			.location(env.getField().getSourceLocation())
			.build();
	}

	@GraphQlExceptionHandler
	GraphQLError busy(EvaluationBusyException ex, DataFetchingEnvironment env) {
		return GraphQLError.newError()
			.errorType(CONFLICT)
			.message(ex.getMessage())
			.path(env.getExecutionStepInfo().getPath())
			.location(env.getField().getSourceLocation())
			.build();
	}

}
