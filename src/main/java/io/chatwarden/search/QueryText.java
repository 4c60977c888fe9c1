package io.chatwarden.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * Parses what an investigator typed into a message query. Never Lucene syntax, never an
 * error: words must all match, in any word form ({@code invoice} finds "invoices", exact
 * forms ranking first); {@code pass*} matches words starting with "pass";
 * {@code "quoted phrases"} match as phrases; a leading {@code -} excludes a term;
 * {@code OR} between two terms makes either enough; {@code user:}, {@code gpt:},
 * {@code file:}, {@code url:}, {@code detector:}, {@code secret:} (a DLP match's salted
 * hash), {@code tool:}, {@code role:} and {@code title:} narrow to a field
 * ({@code gpt:none} and {@code tool:none}: without any). {@code tool:} means the
 * conversation used that tool, which needs the conversations of each tool
 * ({@link ToolSets}). Everything else is literal text for the analyzer.
 */
public final class QueryText {

	/** More clauses than this would risk the cluster's boolean clause limit. */
	static final int MAX_TERMS = 64;

	/** Longer single terms are cut: no real word or phrase is that long. */
	static final int MAX_TERM_LENGTH = 1024;

	private QueryText() {
	}

	/** Fields a term can be narrowed to, as typed before the colon. */
	static final List<String> FIELDS = List.of("user", "gpt", "tool", "role", "title", "file", "url", "detector",
			"secret");

	/** The query matching messages that satisfy the text (all messages when blank). */
	public static Query parse(String text) {
		return parse(text, ToolSets.EMPTY);
	}

	/**
	 * The tools named by {@code tool:} terms (lower case), which {@link ToolSets}
	 * resolves.
	 */
	static List<String> tools(String text) {
		return tokenize((text == null) ? "" : text).stream()
			.filter(term -> "tool".equals(term.field()))
			.map(term -> term.value().toLowerCase(Locale.ROOT))
			.distinct()
			.toList();
	}

	static Query parse(String text, ToolSets tools) {
		String input = (text == null) ? "" : text;
		List<Term> terms = tokenize(input);
		if (terms.isEmpty() && !input.isBlank()) {
			return Query.of(q -> q.matchNone(m -> m));
		}
		List<Query> must = new ArrayList<>();
		List<Query> mustNot = new ArrayList<>();
		List<Query> group = new ArrayList<>();
		boolean joinNext = false;
		for (Term term : terms) {
			if (term.isOr()) {
				joinNext = !group.isEmpty();
				continue;
			}
			Query query = term.toQuery(tools);
			if (term.negated()) {
				mustNot.add(query);
				continue;
			}
			if (!joinNext && !group.isEmpty()) {
				must.add(either(group));
				group = new ArrayList<>();
			}
			group.add(query);
			joinNext = false;
		}
		if (!group.isEmpty()) {
			must.add(either(group));
		}
		if (must.isEmpty() && mustNot.isEmpty()) {
			return Query.of(q -> q.matchAll(m -> m));
		}
		if (must.isEmpty()) {
			must.add(Query.of(q -> q.matchAll(m -> m)));
		}
		return Query.of(q -> q.bool(b -> b.must(must).mustNot(mustNot)));
	}

	private static Query either(List<Query> alternatives) {
		if (alternatives.size() == 1) {
			return alternatives.get(0);
		}
		return Query.of(q -> q.bool(b -> b.should(List.copyOf(alternatives)).minimumShouldMatch("1")));
	}

	static List<Term> tokenize(String text) {
		List<Term> terms = new ArrayList<>();
		int i = 0;
		int n = text.length();
		while (i < n && terms.size() < MAX_TERMS) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
				continue;
			}
			boolean negated = false;
			if (c == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
				negated = true;
				i++;
			}
			String field = null;
			int colon = fieldPrefixEnd(text, i);
			if (colon > 0) {
				field = text.substring(i, colon).toLowerCase(Locale.ROOT);
				i = colon + 1;
			}
			boolean phrase = i < n && text.charAt(i) == '"';
			int end;
			String value;
			if (phrase) {
				int close = text.indexOf('"', i + 1);
				end = close < 0 ? n : close + 1;
				value = text.substring(i + 1, close < 0 ? n : close);
			}
			else {
				end = i;
				while (end < n && !Character.isWhitespace(text.charAt(end))) {
					end++;
				}
				value = text.substring(i, end);
			}
			i = end;
			value = value.length() > MAX_TERM_LENGTH ? value.substring(0, MAX_TERM_LENGTH) : value;
			boolean textField = field == null || "title".equals(field);
			if (value.isBlank() || (textField && value.codePoints().noneMatch(Character::isLetterOrDigit))) {
				// Nothing the analyzer would keep: a stray bracket or quote is not a
				// term.
				continue;
			}
			terms.add(new Term(field, value, phrase, negated));
		}
		return terms;
	}

	/**
	 * Where a known field prefix ends ({@code user:}…), or -1: unknown prefixes stay
	 * text.
	 */
	private static int fieldPrefixEnd(String text, int start) {
		for (String field : FIELDS) {
			int colon = start + field.length();
			if (text.regionMatches(true, start, field, 0, field.length()) && colon + 1 < text.length()
					&& text.charAt(colon) == ':' && !Character.isWhitespace(text.charAt(colon + 1))) {
				return colon;
			}
		}
		return -1;
	}

	/** One parsed term: a word or phrase, maybe on a field, maybe excluded. */
	record Term(String field, String value, boolean phrase, boolean negated) {

		boolean isOr() {
			return this.field == null && !this.phrase && !this.negated && "OR".equals(this.value);
		}

		Query toQuery(ToolSets tools) {
			if (this.field == null) {
				return text("text");
			}
			return switch (this.field) {
				case "title" -> text("conversationTitle");
				case "user" -> this.value.contains("@") ? keyword("userEmail") : Query.of(q -> q.prefix(
						p -> p.field("userEmail").value(this.value.toLowerCase(Locale.ROOT)).caseInsensitive(true)));
				case "gpt" -> isNone() ? missing("gptId") : keyword("gptId");
				case "tool" -> tools.conversationsUsing(this.value);
				case "file" -> Query.of(q -> q
					.bool(b -> b.should(contains("files.name"), keyword("files.id")).minimumShouldMatch("1")));
				case "url" -> contains("citationUrls");
				case "detector" -> Query.of(q -> q.term(t -> t.field("dlpDetectors")
					.value(FieldValue.of(this.value.replaceFirst("(?i)^dlp-", "")))
					.caseInsensitive(true)));
				// The salted hash of a DLP match: where else that value was pasted,
				// without ever showing it.
				case "secret" -> Query.of(q -> q.term(t -> t.field("dlp.hash").value(FieldValue.of(this.value))));
				default -> keyword("role");
			};
		}

		private boolean isNone() {
			return "none".equalsIgnoreCase(this.value);
		}

		/**
		 * A word or phrase on a text field: the exact field and its stemmed (English)
		 * sub-field both count, the exact one twice, so "invoice" finds "invoices" but
		 * ranks "invoice" first. A trailing {@code *} makes the last word a prefix.
		 */
		private Query text(String field) {
			String stemmed = field + ".en";
			if (this.phrase) {
				return either(Query.of(q -> q.matchPhrase(m -> m.field(field).query(this.value).boost(2f))),
						Query.of(q -> q.matchPhrase(m -> m.field(stemmed).query(this.value))));
			}
			if (this.value.endsWith("*")) {
				String words = this.value.replaceAll("\\*+$", "");
				if (words.codePoints().noneMatch(Character::isLetterOrDigit)) {
					return Query.of(q -> q.matchAll(m -> m));
				}
				return Query.of(q -> q.matchBoolPrefix(m -> m.field(field).query(words).operator(Operator.And)));
			}
			return either(Query.of(q -> q
				.match(m -> m.field(field).query(FieldValue.of(this.value)).operator(Operator.And).boost(2f))), Query
					.of(q -> q.match(m -> m.field(stemmed).query(FieldValue.of(this.value)).operator(Operator.And))));
		}

		private static Query either(Query exact, Query stemmed) {
			return Query.of(q -> q.bool(b -> b.should(exact, stemmed).minimumShouldMatch("1")));
		}

		private Query keyword(String field) {
			return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(this.value)).caseInsensitive(true)));
		}

		/** The value anywhere in a keyword (a file name, a URL), any case. */
		private Query contains(String field) {
			String escaped = this.value.replaceAll("([\\\\*?])", "\\\\$1");
			return Query.of(q -> q.wildcard(w -> w.field(field).value("*" + escaped + "*").caseInsensitive(true)));
		}

		private static Query missing(String field) {
			return Query.of(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field(field)))));
		}

	}

}
