package io.chatwarden.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The {@code DateTime} scalar: an ISO-8601 instant such as {@code 2026-11-22T06:03:07Z}.
 */
@Configuration(proxyBeanMethods = false)
class DateTimeScalar {

	@Bean
	RuntimeWiringConfigurer dateTimeScalarWiring() {
		return wiring -> wiring.scalar(GraphQLScalarType.newScalar()
			.name("DateTime")
			.description("An ISO-8601 instant, e.g. 2026-11-22T06:03:07Z")
			.coercing(new InstantCoercing())
			.build());
	}

	static final class InstantCoercing implements Coercing<Instant, String> {

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof Instant instant) {
				return instant.toString();
			}
			if (value instanceof OffsetDateTime time) {
				return time.toInstant().toString();
			}
			throw new CoercingSerializeException("Not a date-time: " + value.getClass().getSimpleName());
		}

		@Override
		public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String text) {
				return parse(text, CoercingParseValueException::new);
			}
			throw new CoercingParseValueException("A DateTime is an ISO-8601 string, e.g. 2026-11-22T06:03:07Z");
		}

		@Override
		public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			if (input instanceof StringValue text) {
				return parse(text.getValue(), CoercingParseLiteralException::new);
			}
			throw new CoercingParseLiteralException("A DateTime is an ISO-8601 string, e.g. 2026-11-22T06:03:07Z");
		}

		private static <E extends RuntimeException> Instant parse(String text,
				java.util.function.Function<String, E> error) {
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw error.apply("Not an ISO-8601 date-time with offset: '"
						+ (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
			}
		}

	}

}
