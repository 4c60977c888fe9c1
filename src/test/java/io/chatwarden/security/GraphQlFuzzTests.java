package io.chatwarden.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.TestAuthentication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every argument of every query and mutation, fed wrong types, huge values and injection
 * strings: each answer is a typed client error (or data), never a 5xx and never an
 * INTERNAL_ERROR.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
				"chatwarden.findings.enabled=false", "chatwarden.security.requests-per-minute=1000000",
				TestAuthentication.PROPERTY })
class GraphQlFuzzTests extends OpenSearchTest {

	/**
	 * Big, but under the 256 KB request limit, so that the resolvers see it (over it:
	 * 413, tested below).
	 */
	static final String HUGE = "x".repeat(20_000);

	static final List<Object> STRINGS = List.of("", HUGE, "\"unbalanced", "a:b:c (((", "\\ title:[ AND", "' OR 1=1 --",
			"<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x} doc['text'].value", "\u0000\uFFFF",
			"../../etc/passwd", 12345);

	static final List<Object> INTS = List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, "NaN", 1.5);

	static final List<Object> DATES = List.of("not-a-date", "2026-13-45T99:99:99Z", "", "9999999999999", 17, HUGE);

	static final Set<String> CLIENT_ERRORS = Set.of("BAD_REQUEST", "NOT_FOUND", "ValidationError", "FORBIDDEN",
			"InvalidSyntax", "OperationNotSupported");

	@DynamicPropertySource
	static void freshIndices(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.store.index-prefix", () -> "cw-fuzz-" + Long.toHexString(System.nanoTime()));
	}

	@LocalServerPort
	int port;

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void shouldAnswerEveryFuzzedArgumentWithAClientErrorOrData() {
		WebTestClient http = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader("Authorization", "Bearer " + TestAuthentication.ADMIN_TOKEN)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		GraphQLSchema schema = this.graphQlSource.schema();
		List<String> problems = new ArrayList<>();
		int requests = 0;
		for (GraphQLObjectType root : List.of(schema.getQueryType(), schema.getMutationType())) {
			String operation = root == schema.getQueryType() ? "query" : "mutation";
			for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
				for (GraphQLArgument argument : field.getArguments()) {
					for (Object value : fuzz(argument.getType())) {
						Map<String, Object> variables = validOthers(field, argument);
						variables.put(argument.getName(), value);
						String document = document(operation, field);
						Map<String, Object> response = http.post()
							.uri("/graphql")
							.bodyValue(Map.of("query", document, "variables", variables))
							.exchange()
							.expectStatus()
							.value(status -> assertThat(status).as(document).isLessThan(500))
							.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
							})
							.returnResult()
							.getResponseBody();
						requests++;
						for (Map<?, ?> error : errors(response)) {
							Object classification = ((Map<?, ?>) error.get("extensions")).get("classification");
							if (!CLIENT_ERRORS.contains(String.valueOf(classification))) {
								problems.add(field.getName() + "(" + argument.getName() + "=" + abbreviate(value)
										+ "): " + classification + " " + error.get("message"));
							}
						}
					}
				}
			}
		}
		assertThat(requests).isGreaterThan(200);
		assertThat(problems).isEmpty();
	}

	@Test
	void shouldRefuseAnOversizedRequestWith413() {
		WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeader("Authorization", "Bearer " + TestAuthentication.ADMIN_TOKEN)
			.build()
			.post()
			.uri("/graphql")
			.bodyValue(Map.of("query", "{ conversations(after: \"" + "x".repeat(300_000) + "\") { totalCount } }"))
			.exchange()
			.expectStatus()
			.isEqualTo(413);
	}

	private static List<Map<?, ?>> errors(Map<String, Object> response) {
		Object errors = response == null ? null : response.get("errors");
		List<Map<?, ?>> list = new ArrayList<>();
		if (errors instanceof List<?> items) {
			items.forEach(item -> list.add((Map<?, ?>) item));
		}
		return list;
	}

	/** A document selecting the field with every argument bound to a variable. */
	private static String document(String operation, GraphQLFieldDefinition field) {
		StringBuilder declarations = new StringBuilder();
		StringBuilder arguments = new StringBuilder();
		for (GraphQLArgument argument : field.getArguments()) {
			declarations.append(declarations.isEmpty() ? "" : ", ")
				.append('$')
				.append(argument.getName())
				.append(": ")
				.append(GraphQLTypeUtil.simplePrint(argument.getType()));
			arguments.append(arguments.isEmpty() ? "" : ", ")
				.append(argument.getName())
				.append(": $")
				.append(argument.getName());
		}
		GraphQLType returned = GraphQLTypeUtil.unwrapAll(field.getType());
		String selection = returned instanceof GraphQLObjectType ? " { __typename }" : "";
		return operation + "(" + declarations + ") { " + field.getName() + "(" + arguments + ")" + selection + " }";
	}

	/**
	 * Plausible values for the other arguments, so each fuzzed one is what the server
	 * trips on, if anything.
	 */
	private static Map<String, Object> validOthers(GraphQLFieldDefinition field, GraphQLArgument fuzzed) {
		Map<String, Object> variables = new HashMap<>();
		for (GraphQLArgument argument : field.getArguments()) {
			if (argument != fuzzed && GraphQLTypeUtil.isNonNull(argument.getType())) {
				variables.put(argument.getName(), plausible(argument.getType()));
			}
		}
		return variables;
	}

	private static Object plausible(GraphQLInputType type) {
		GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
		if (bare instanceof GraphQLList list) {
			return List.of(plausible((GraphQLInputType) list.getWrappedType()));
		}
		if (bare instanceof GraphQLEnumType enumType) {
			return enumType.getValues().get(0).getName();
		}
		if (bare instanceof GraphQLInputObjectType object) {
			Map<String, Object> value = new LinkedHashMap<>();
			for (GraphQLInputObjectField inner : object.getFieldDefinitions()) {
				if (GraphQLTypeUtil.isNonNull(inner.getType())) {
					value.put(inner.getName(), plausible(inner.getType()));
				}
			}
			return value;
		}
		return switch (((GraphQLScalarType) bare).getName()) {
			case "Int" -> 5;
			case "Float" -> 1.0;
			case "Boolean" -> true;
			case "DateTime" -> "2026-11-01T00:00:00Z";
			default -> "fuzz-value";
		};
	}

	private static List<Object> fuzz(GraphQLInputType type) {
		GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
		List<Object> values = new ArrayList<>();
		values.add(null);
		if (bare instanceof GraphQLList list) {
			values.add(List.of());
			// Nested values get a sample of the fuzz set: every argument is still hit, in
			// a few seconds.
			for (Object item : sample(fuzz((GraphQLInputType) list.getWrappedType()))) {
				values.add(java.util.Collections.nCopies(item == HUGE ? 1 : 3, item));
			}
			values.add(java.util.Collections.nCopies(500, "x"));
			return values;
		}
		if (bare instanceof GraphQLEnumType) {
			values.addAll(List.of("NOPE", "", 1));
			return values;
		}
		if (bare instanceof GraphQLInputObjectType object) {
			values.add(Map.of());
			values.add("not-an-object");
			for (GraphQLInputObjectField inner : object.getFieldDefinitions()) {
				for (Object innerValue : sample(fuzz(inner.getType()))) {
					@SuppressWarnings("unchecked")
					Map<String, Object> value = new HashMap<>((Map<String, Object>) plausible(object));
					value.put(inner.getName(), innerValue);
					values.add(value);
				}
			}
			return values;
		}
		values.addAll(switch (((GraphQLScalarType) bare).getName()) {
			case "Int" -> INTS;
			case "Float" -> List.of(-1e308, "x");
			case "Boolean" -> List.of("yes", 2);
			case "DateTime" -> DATES;
			default -> STRINGS;
		});
		return values;
	}

	private static List<Object> sample(List<Object> values) {
		List<Object> sample = new ArrayList<>();
		for (int i = 1; i < values.size(); i += 3) {
			sample.add(values.get(i));
		}
		return sample;
	}

	private static String abbreviate(Object value) {
		String text = String.valueOf(value);
		return text.length() > 60 ? text.substring(0, 60) + "…" : text;
	}

}
