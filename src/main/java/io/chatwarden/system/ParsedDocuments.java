package io.chatwarden.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Parsed and validated GraphQL documents by query text: the UI sends the same few
 * documents again and again (only variables change), and parsing and validating one costs
 * more than running a cached one. Bounded so that callers sending many distinct or huge
 * documents cannot fill the heap: at most {@link #MAX_ENTRIES} documents and
 * {@link #MAX_CHARS} characters of query text, least recently used out first; a document
 * longer than {@link #MAX_QUERY_CHARS} or with errors is never kept. The request limits
 * ({@link GraphQlLimits}) are checked when an operation begins, so they still apply to
 * every request that reuses a document.
 */
@Component
public class ParsedDocuments implements PreparsedDocumentProvider, GraphQlSourceBuilderCustomizer {

	static final int MAX_ENTRIES = 1_000;

	static final long MAX_CHARS = 2_000_000;

	static final int MAX_QUERY_CHARS = 16_000;

	private final Map<String, PreparsedDocumentEntry> entries = new LinkedHashMap<>(64, 0.75f, true);

	private long chars;

	@Override
	public void customize(GraphQlSource.SchemaResourceBuilder builder) {
		builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String query = input.getQuery();
		PreparsedDocumentEntry cached = get(query);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		PreparsedDocumentEntry parsed = parseAndValidate.apply(input);
		if (!parsed.hasErrors() && query.length() <= MAX_QUERY_CHARS) {
			put(query, parsed);
		}
		return CompletableFuture.completedFuture(parsed);
	}

	/**
	 * The document of this query text, from the cache when it was parsed before (then
	 * without parsing it again); parsed, not kept, otherwise.
	 * @throws graphql.parser.InvalidSyntaxException if the text does not parse
	 */
	public Document document(String query) {
		PreparsedDocumentEntry cached = get(query);
		return (cached != null) ? cached.getDocument() : Parser.parse(query);
	}

	/** How many documents are kept now. */
	synchronized int size() {
		return this.entries.size();
	}

	private synchronized PreparsedDocumentEntry get(String query) {
		return this.entries.get(query);
	}

	private synchronized void put(String query, PreparsedDocumentEntry entry) {
		if (this.entries.put(query, entry) == null) {
			this.chars += query.length();
		}
		var eldest = this.entries.entrySet().iterator();
		while (this.entries.size() > MAX_ENTRIES || this.chars > MAX_CHARS) {
			this.chars -= eldest.next().getKey().length();
			eldest.remove();
		}
	}

}
