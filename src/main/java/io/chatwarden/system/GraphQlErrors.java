package io.chatwarden.system;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Maps expected failures to typed GraphQL errors. Anything unmapped stays an opaque
 * INTERNAL_ERROR, so no internal detail (or secret) leaks through an error message.
 */
@ControllerAdvice
class GraphQlErrors {

	static final ErrorClassification CONFLICT = ErrorClassification.errorClassification("CONFLICT");

	@GraphQlExceptionHandler
	GraphQLError conflict(ConflictException ex, DataFetchingEnvironment env) {
		return error(CONFLICT, ex, env);
	}

	@GraphQlExceptionHandler
	GraphQLError badRequest(BadRequestException ex, DataFetchingEnvironment env) {
		return error(ErrorType.BAD_REQUEST, ex, env);
	}

	@GraphQlExceptionHandler
	GraphQLError notFound(NotFoundException ex, DataFetchingEnvironment env) {
		return error(ErrorType.NOT_FOUND, ex, env);
	}

	private static GraphQLError error(ErrorClassification type, RuntimeException ex, DataFetchingEnvironment env) {
		return GraphQLError.newError()
			.errorType(type)
			.message(ex.getMessage())
			.path(env.getExecutionStepInfo().getPath())
			.location(env.getField().getSourceLocation())
			.build();
	}

}
