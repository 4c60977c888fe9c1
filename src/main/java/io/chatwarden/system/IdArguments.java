package io.chatwarden.system;

import java.util.List;
import java.util.Map;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import org.springframework.stereotype.Component;

/**
 * Every {@code ID} argument, at any depth of an input, is checked before a resolver sees
 * it: blank, over 512 characters (OpenSearch's id limit) or holding control characters is
 * a BAD_REQUEST, not a failed lookup.
 */
@Component
class IdArguments extends SimplePerformantInstrumentation {

	static final int MAX_LENGTH = 512;

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		List<GraphQLArgument> arguments = parameters.getEnvironment().getFieldDefinition().getArguments();
		if (arguments.isEmpty()) {
			return dataFetcher;
		}
		return environment -> {
			for (GraphQLArgument argument : arguments) {
				check(argument.getName(), argument.getType(), environment.getArgument(argument.getName()));
			}
			return dataFetcher.get(environment);
		};
	}

	private static void check(String path, GraphQLInputType type, Object value) {
		if (value == null) {
			return;
		}
		GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
		if (bare instanceof GraphQLScalarType scalar && "ID".equals(scalar.getName())) {
			String id = String.valueOf(value);
			if (id.isBlank() || id.length() > MAX_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
				throw new BadRequestException(path + " must be a non-blank id of at most " + MAX_LENGTH
						+ " characters without control characters");
			}
		}
		else if (bare instanceof GraphQLList list && value instanceof List<?> items) {
			for (Object item : items) {
				check(path + "[]", (GraphQLInputType) list.getWrappedType(), item);
			}
		}
		else if (bare instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
			for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
				check(path + "." + field.getName(), field.getType(), fields.get(field.getName()));
			}
		}
	}

}
