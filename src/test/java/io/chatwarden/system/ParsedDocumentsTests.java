package io.chatwarden.system;

import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parsed-document cache on a real graphql-java engine: a repeated query is parsed
 * once, the depth limit still refuses a cached document, and the cache stays bounded.
 */
class ParsedDocumentsTests {

	static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { node: Node } type Node { name: String child: Node }"),
			RuntimeWiring.newRuntimeWiring().build());

	final AtomicInteger parses = new AtomicInteger();

	final ParsedDocuments documents = new ParsedDocuments();

	@Test
	void shouldParseARepeatedQueryOnce() {
		GraphQL graphQl = engine(10);
		for (int i = 0; i < 3; i++) {
			ExecutionResult result = graphQl.execute("{ node { name } }");
			assertThat(result.getErrors()).isEmpty();
		}
		assertThat(this.parses).hasValue(1);
		graphQl.execute("{ node { child { name } } }");
		assertThat(this.parses).hasValue(2);
	}

	@Test
	void shouldHandTheCachedDocumentToOtherReadersOfTheRequest() {
		String query = "{ node { name } }";
		Document first = this.documents.document(query);
		assertThat(this.documents.document(query)).as("not cached before it runs").isNotSameAs(first);
		engine(10).execute(query);
		assertThat(this.documents.document(query)).isSameAs(this.documents.document(query));
	}

	@Test
	void shouldStillRefuseACachedDocumentOverTheDepthLimit() {
		GraphQL graphQl = engine(2);
		String deep = "{ node { child { child { child { name } } } } }";
		for (int i = 0; i < 2; i++) {
			assertThat(graphQl.execute(deep).getErrors()).singleElement()
				.satisfies(error -> assertThat(error.getMessage()).contains("depth"));
		}
		assertThat(this.parses).hasValue(1);
	}

	@Test
	void shouldKeepNeitherInvalidNorOverlongDocuments() {
		GraphQL graphQl = engine(10);
		graphQl.execute("{ nope }");
		graphQl.execute("{ nope }");
		assertThat(this.parses).hasValue(2);
		String overlong = "{ node { name } }" + " ".repeat(ParsedDocuments.MAX_QUERY_CHARS);
		graphQl.execute(overlong);
		graphQl.execute(overlong);
		assertThat(this.parses).hasValue(4);
		assertThat(this.documents.size()).isZero();
	}

	@Test
	void shouldDropTheLeastRecentlyUsedDocumentsBeyondItsBound() {
		AtomicInteger computed = new AtomicInteger();
		Document document = Document.newDocument().build();
		for (int i = 0; i <= ParsedDocuments.MAX_ENTRIES; i++) {
			this.documents.getDocumentAsync(ExecutionInput.newExecutionInput("{ q" + i + " }").build(), input -> {
				computed.incrementAndGet();
				return new PreparsedDocumentEntry(document);
			});
		}
		assertThat(this.documents.size()).isEqualTo(ParsedDocuments.MAX_ENTRIES);
		this.documents.getDocumentAsync(ExecutionInput.newExecutionInput("{ q0 }").build(), input -> {
			computed.incrementAndGet();
			return new PreparsedDocumentEntry(document);
		});
		assertThat(computed).hasValue(ParsedDocuments.MAX_ENTRIES + 2);
	}

	private GraphQL engine(int maxDepth) {
		SimplePerformantInstrumentation countParses = new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
					InstrumentationState state) {
				ParsedDocumentsTests.this.parses.incrementAndGet();
				return SimpleInstrumentationContext.noOp();
			}
		};
		return GraphQL.newGraphQL(SCHEMA)
			.instrumentation(new ChainedInstrumentation(countParses, new MaxQueryDepthInstrumentation(maxDepth)))
			.preparsedDocumentProvider(this.documents)
			.build();
	}

}
