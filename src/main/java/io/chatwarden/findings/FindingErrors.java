package io.chatwarden.findings;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.web.bind.annotation.ControllerAdvice;

/** Maps a missing finding or type to a NOT_FOUND error. */
@ControllerAdvice
class FindingErrors {

	@GraphQlExceptionHandler
	GraphQLError notFound(FindingNotFoundException ex, DataFetchingEnvironment env) {
		return GraphQLError.newError()
			.errorType(ErrorType.NOT_FOUND)
			.message(ex.getMessage())
			.path(env.getExecutionStepInfo().getPath())
			.location(env.getField().getSourceLocation())
			.build();
	}

}
