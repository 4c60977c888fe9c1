package io.chatwarden.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The conversations that used each tool (a message by the tool, or an answer written with
 * it), read from the data. A message carries only its own tool, so "this conversation
 * used python" is a set of conversation ids.
 *
 * @param byTool conversation ids per tool name (lower case)
 * @param anyTool conversation ids that used any tool
 */
record ToolSets(Map<String, List<String>> byTool, List<String> anyTool) {

	static final ToolSets EMPTY = new ToolSets(Map.of(), List.of());

	/** {@code tool:none}: conversations that used no tool. */
	static final String NONE = "none";

	ToolSets {
		byTool = Map.copyOf(byTool);
		anyTool = List.copyOf(anyTool);
	}

	/** Messages of conversations that used the tool ({@value #NONE}: no tool at all). */
	Query conversationsUsing(String tool) {
		String name = tool.toLowerCase(Locale.ROOT);
		if (NONE.equals(name)) {
			return Query.of(q -> q.bool(b -> b.mustNot(in(this.anyTool))));
		}
		List<String> ids = this.byTool.getOrDefault(name, List.of());
		return ids.isEmpty() ? Query.of(q -> q.matchNone(m -> m)) : in(ids);
	}

	/** Messages of conversations that used any of the tools. */
	Query conversationsUsingAny(List<String> tools) {
		List<Query> each = tools.stream().map(this::conversationsUsing).toList();
		return (each.size() == 1) ? each.get(0) : Query.of(q -> q.bool(b -> b.should(each).minimumShouldMatch("1")));
	}

	private static Query in(List<String> ids) {
		return Query.of(q -> q
			.terms(t -> t.field("conversationId").terms(v -> v.value(ids.stream().map(FieldValue::of).toList()))));
	}

}
