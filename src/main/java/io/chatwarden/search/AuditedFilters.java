package io.chatwarden.search;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chatwarden.conversation.ConversationFilter;

/**
 * What the audit log keeps of a search or an export besides its text: every filter set.
 */
final class AuditedFilters {

	private AuditedFilters() {
	}

	static Map<String, Object> of(ConversationFilter filter, SearchSort sort) {
		Map<String, Object> values = new LinkedHashMap<>();
		if (filter != null) {
			put(values, "userEmails", filter.userEmails());
			put(values, "gptIds", filter.gptIds());
			put(values, "from", filter.from() == null ? null : filter.from().toString());
			put(values, "to", filter.to() == null ? null : filter.to().toString());
			put(values, "roles", filter.roles());
			put(values, "tools", filter.tools());
			put(values, "hasDlpMatch", filter.hasDlpMatch());
		}
		put(values, "sort", sort == null ? null : sort.name());
		return values;
	}

	private static void put(Map<String, Object> values, String name, Object value) {
		if (value != null) {
			values.put(name, value);
		}
	}

}
