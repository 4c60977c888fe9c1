package io.chatwarden.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

/**
 * The root fields an operation asks for, one per alias, through fragments: what a request
 * really costs, since one request can alias the same query hundreds of times.
 */
public final class RootFields {

	private static final int MAX_FRAGMENT_DEPTH = 10;

	private RootFields() {
	}

	/** The root field names of the named operation (or the only one), one per alias. */
	public static List<String> of(Document document, String operationName) {
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		OperationDefinition operation = operations.stream()
			.filter(candidate -> operationName == null || operationName.equals(candidate.getName()))
			.findFirst()
			.orElse(null);
		if (operation == null) {
			return List.of();
		}
		Map<String, FragmentDefinition> fragments = new java.util.HashMap<>();
		document.getDefinitionsOfType(FragmentDefinition.class)
			.forEach(fragment -> fragments.put(fragment.getName(), fragment));
		return of(operation.getSelectionSet(), fragments);
	}

	/** The root field names of a selection set, through the given fragments. */
	public static List<String> of(SelectionSet selectionSet, Map<String, FragmentDefinition> fragments) {
		List<String> names = new ArrayList<>();
		collect(selectionSet, fragments, names, 0);
		return names;
	}

	private static void collect(SelectionSet set, Map<String, FragmentDefinition> fragments, List<String> names,
			int depth) {
		if (set == null || depth > MAX_FRAGMENT_DEPTH) {
			return;
		}
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof Field field) {
				names.add(field.getName());
			}
			else if (selection instanceof InlineFragment inline) {
				collect(inline.getSelectionSet(), fragments, names, depth + 1);
			}
			else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
				collect(fragments.get(spread.getName()).getSelectionSet(), fragments, names, depth + 1);
			}
		}
	}

}
