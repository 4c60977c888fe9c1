package io.chatwarden.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.chatwarden.system.BadRequestException;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * The {@code EventFilter} input: narrows events by type, action, actor, country, IP, id,
 * time and the words of their user-written text. Text values match any case and by their
 * beginning ("login" finds {@code LOGIN_SUCCEEDED}); a redacted key ({@code sk-...RxIA})
 * matches by the characters it shows, since each source redacts keys its own way.
 *
 * @param actors user emails, user ids or redacted keys ({@code sk-...RxIA}) that acted
 * @param users user emails (or ids) an event is by or about (the actor or the action's
 * target)
 * @param actions what happened: the audit action, a login outcome, or a non-audit type's
 * {@code event_type}/{@code detail_type}
 * @param text words of the event's user-written text (prompts, responses, inputs)
 * @param ips client IP addresses or CIDR ranges
 * @param ids event ids (exact)
 */
public record EventFilter(List<String> types, List<String> actions, List<String> actors, List<String> users,
		List<String> countries, Instant from, Instant to, String text, List<String> ips, List<String> ids) {

	public static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null, null, null, null);

	/** An IPv4 or IPv6 address, maybe with a prefix length: what the ip field takes. */
	private static final Pattern IP = Pattern
		.compile("(\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?)|([0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(/\\d{1,3})?)");

	public EventFilter(List<String> types, List<String> actions, List<String> actors, List<String> users,
			List<String> countries, Instant from, Instant to) {
		this(types, actions, actors, users, countries, from, to, null, null, null);
	}

	List<Query> clauses() {
		List<Query> clauses = new ArrayList<>();
		add(clauses, List.of("type"), this.types);
		add(clauses, List.of("action", "eventType", "detailType"), this.actions);
		add(clauses, List.of("actor", "actorEmail", "actorUserId", "actorKeyId"), this.actors);
		add(clauses, List.of("actorEmail", "targetEmail", "actorUserId", "targetUserId"), this.users);
		add(clauses, List.of("country"), this.countries);
		if (this.ips != null && !this.ips.isEmpty()) {
			this.ips.stream()
				.filter(ip -> ip == null || !IP.matcher(ip.strip()).matches())
				.findFirst()
				.ifPresent(bad -> {
					throw new BadRequestException(
							"ips must be IP addresses or CIDR ranges (10.0.0.0/8, 2001:db8::/32), was " + bad);
				});
			clauses.add(terms("clientIp", this.ips.stream().map(String::strip).toList()));
		}
		if (this.ids != null && !this.ids.isEmpty()) {
			clauses.add(terms("eventId", this.ids));
		}
		if (this.text != null && !this.text.isBlank()) {
			clauses.add(Query.of(q -> q.simpleQueryString(s -> s.fields("text")
				.query(this.text)
				.defaultOperator(org.opensearch.client.opensearch._types.query_dsl.Operator.And))));
		}
		if (this.from != null) {
			clauses.add(Query.of(q -> q.range(r -> r.field("timestamp").gte(JsonData.of(this.from.toString())))));
		}
		if (this.to != null) {
			clauses.add(Query.of(q -> q.range(r -> r.field("timestamp").lte(JsonData.of(this.to.toString())))));
		}
		return clauses;
	}

	/** Any of the values, in any of the fields, any case, by beginning. */
	private static void add(List<Query> clauses, List<String> fields, List<String> values) {
		if (values == null || values.stream().allMatch(v -> v == null || v.isBlank())) {
			return;
		}
		clauses.add(Query.of(q -> q.bool(b -> {
			for (String value : values) {
				if (value == null || value.isBlank()) {
					continue;
				}
				String typed = value.strip();
				int dots = typed.indexOf("...");
				for (String field : fields) {
					if (dots >= 0 && typed.length() > dots + 3) {
						// A redacted key: the characters it shows after the dots.
						b.should(s -> s.wildcard(w -> w.field(field)
							.value("*" + escape(typed.substring(dots + 3)))
							.caseInsensitive(true)));
					}
					else {
						b.should(s -> s.prefix(p -> p.field(field).value(typed).caseInsensitive(true)));
					}
				}
			}
			return b.minimumShouldMatch("1");
		})));
	}

	private static String escape(String value) {
		return value.replaceAll("([\\\\*?])", "\\\\$1");
	}

	static Query terms(String field, List<String> values) {
		return Query
			.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
	}

}
