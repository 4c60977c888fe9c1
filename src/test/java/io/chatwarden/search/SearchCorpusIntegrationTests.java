package io.chatwarden.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatwarden.store.Indices;
import io.chatwarden.store.RawRequests;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.TestAuthentication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search quality on a small corpus with known answers, in the real OpenSearch: word
 * forms, prefixes, field operators, the tools a conversation used, and facets that add
 * up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-corpus", "chatwarden.demo.enabled=false",
				"chatwarden.sync.enabled=false", TestAuthentication.PROPERTY })
@AutoConfigureHttpGraphQlTester
@Import(TestAuthentication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchCorpusIntegrationTests extends OpenSearchTest {

	// language=GraphQL
	private static final String SEARCH = """
			query search($q: String!, $filter: ConversationFilter) {
			  searchConversations(query: $q, filter: $filter, first: 50) {
			    totalCount
			    edges { node { id } highlights }
			    facets(size: 2) {
			      users { buckets { value count } otherCount noneCount }
			      gpts { buckets { value count } otherCount noneCount }
			      tools { buckets { value count } otherCount noneCount }
			      timeline { interval buckets { start count } }
			    }
			  }
			}
			""";

	@Autowired
	HttpGraphQlTester graphQl;

	@BeforeAll
	void indexTheCorpus(@Autowired RawRequests raw, @Autowired Indices indices) throws Exception {
		List<Map<String, Object>> messages = List.of(
				message("c-invoice-one", "ana@acme.test", 1, "user", "Please send the invoice for March.",
						"2026-03-02"),
				message("c-invoice-many", "bob@acme.test", 1, "user", "Two invoices are overdue, can you chase them?",
						"2026-03-05"),
				with(message("c-invoice-many", "bob@acme.test", 2, "tool", "segment count share", "2026-03-05"),
						"toolName", "python"),
				message("c-invoice-gpt", "cara@acme.test", 1, "user", "An invoicing question about VAT.", "2026-03-09"),
				message("c-password", "dan@acme.test", 1, "user", "How do I reset my password?", "2026-03-12"),
				message("c-passport", "ana@acme.test", 1, "user", "My passport expires soon.", "2026-03-15"),
				message("c-pass", "erin@acme.test", 1, "user", "Did the build pass on main?", "2026-03-18"),
				message("c-latest", "erin@acme.test", 1, "user", "Here are the latest numbers from the test run.",
						"2026-03-21"),
				with(message("c-payroll", "frank@acme.test", 1, "user", "See the attached sheet.", "2026-03-24"),
						"files", List.of(Map.of("id", "file-pay1", "name", "Payroll_2026.xlsx"))),
				with(with(
						message("c-url", "gina@acme.test", 2, "assistant",
								"Retirement plan limits are on the agency site.", "2026-03-27"),
						"toolsUsed", List.of("browser")), "citationUrls",
						List.of("https://www.irs.gov/retirement-plans")),
				with(message("c-secret", "hal@acme.test", 1, "user", "my key is sk-p…9xQz, is that bad?", "2026-03-30"),
						"dlpDetectors", List.of("openai-key")));
		messages.stream()
			.filter(m -> m.get("conversationId").equals("c-invoice-gpt"))
			.forEach(m -> m.put("gptId", "g-ledger"));
		ObjectMapper json = new ObjectMapper();
		StringBuilder bulk = new StringBuilder();
		for (Map<String, Object> message : messages) {
			bulk.append(json
				.writeValueAsString(Map.of("index", Map.of("_index", indices.messages(), "_id", message.get("id")))))
				.append('\n')
				.append(json.writeValueAsString(message))
				.append('\n');
		}
		raw.send("POST", "/_bulk?refresh=true", bulk.toString()).block().orFail("Indexing the corpus");
	}

	private static Map<String, Object> message(String conversation, String user, int position, String role, String text,
			String day) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", conversation + "-m" + position);
		message.put("conversationId", conversation);
		message.put("position", position);
		message.put("role", role);
		message.put("text", text);
		message.put("createdAt", day + "T10:00:00Z");
		message.put("userEmail", user);
		message.put("conversationTitle", conversation);
		message.put("conversationLastActiveAt", day + "T11:00:00Z");
		return message;
	}

	private static Map<String, Object> with(Map<String, Object> message, String field, Object value) {
		message.put(field, value);
		return message;
	}

	@Test
	void shouldFindEveryWordFormAndRankTheExactOneFirst() {
		assertThat(ids("invoice")).containsExactlyInAnyOrder("c-invoice-one", "c-invoice-many", "c-invoice-gpt")
			.startsWith("c-invoice-one");
		assertThat(ids("invoices")).containsExactlyInAnyOrder("c-invoice-one", "c-invoice-many", "c-invoice-gpt")
			.startsWith("c-invoice-many");
	}

	@Test
	void shouldMatchAPrefixOnlyWhenAskedFor() {
		assertThat(ids("pass*")).containsExactlyInAnyOrder("c-password", "c-passport", "c-pass");
		assertThat(ids("pass")).containsExactly("c-pass");
	}

	@Test
	void shouldNarrowByEveryFieldOperator() {
		assertThat(ids("user:bob")).containsExactly("c-invoice-many");
		assertThat(ids("user:ana@acme.test")).containsExactlyInAnyOrder("c-invoice-one", "c-passport");
		assertThat(ids("-user:ana@acme.test invoice")).containsExactlyInAnyOrder("c-invoice-many", "c-invoice-gpt");
		assertThat(ids("file:payroll")).containsExactly("c-payroll");
		assertThat(ids("file:PAYROLL_2026.XLSX")).containsExactly("c-payroll");
		assertThat(ids("url:irs.gov")).containsExactly("c-url");
		assertThat(ids("detector:openai-key")).containsExactly("c-secret");
		assertThat(ids("detector:dlp-openai-key")).containsExactly("c-secret");
		assertThat(ids("gpt:g-ledger")).containsExactly("c-invoice-gpt");
		assertThat(ids("gpt:none invoice")).containsExactlyInAnyOrder("c-invoice-one", "c-invoice-many");
	}

	@Test
	void shouldNarrowByTheToolsTheConversationUsed() {
		assertThat(ids("invoices tool:python")).containsExactly("c-invoice-many");
		assertThat(ids("invoice", Map.of("tools", List.of("python")))).containsExactly("c-invoice-many");
		assertThat(ids("tool:browser")).containsExactly("c-url");
		assertThat(ids("tool:none invoice")).containsExactlyInAnyOrder("c-invoice-one", "c-invoice-gpt");
		assertThat(ids("tool:nosuchtool")).isEmpty();
	}

	@Test
	void shouldHighlightWholeWordsOnly() {
		List<String> highlights = highlights("test");
		assertThat(highlights).anySatisfy(h -> assertThat(h).contains("<mark>test</mark>"));
		assertThat(highlights).noneSatisfy(h -> assertThat(h).contains("la<mark>"));
		assertThat(highlights("pass*")).anySatisfy(h -> assertThat(h).contains("<mark>password</mark>"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldCountFacetsThatAddUpToTheTotal() {
		Map<String, Object> result = search("", null);
		long total = ((Number) result.get("totalCount")).longValue();
		assertThat(total).isEqualTo(10);
		Map<String, Object> facets = (Map<String, Object>) result.get("facets");
		for (String name : List.of("users", "gpts")) {
			Map<String, Object> facet = (Map<String, Object>) facets.get(name);
			long sum = ((List<Map<String, Object>>) facet.get("buckets")).stream()
				.mapToLong(b -> ((Number) b.get("count")).longValue())
				.sum();
			assertThat(sum + ((Number) facet.get("otherCount")).longValue()
					+ ((Number) facet.get("noneCount")).longValue())
				.as(name)
				.isEqualTo(total);
		}
		Map<String, Object> gpts = (Map<String, Object>) facets.get("gpts");
		assertThat(((Number) gpts.get("noneCount")).longValue()).isEqualTo(9);
		Map<String, Object> tools = (Map<String, Object>) facets.get("tools");
		assertThat((List<Map<String, Object>>) tools.get("buckets")).extracting(b -> b.get("value"))
			.containsExactlyInAnyOrder("python", "browser");
		assertThat(((Number) tools.get("noneCount")).longValue()).isEqualTo(8);
		Map<String, Object> timeline = (Map<String, Object>) facets.get("timeline");
		assertThat(((List<Map<String, Object>>) timeline.get("buckets")).stream()
			.mapToLong(b -> ((Number) b.get("count")).longValue())
			.sum()).isEqualTo(total);
	}

	private List<String> ids(String query) {
		return ids(query, null);
	}

	@SuppressWarnings("unchecked")
	private List<String> ids(String query, Map<String, Object> filter) {
		List<String> ids = new ArrayList<>();
		for (Map<String, Object> edge : (List<Map<String, Object>>) search(query, filter).get("edges")) {
			ids.add((String) ((Map<String, Object>) edge.get("node")).get("id"));
		}
		return ids;
	}

	@SuppressWarnings("unchecked")
	private List<String> highlights(String query) {
		List<String> all = new ArrayList<>();
		for (Map<String, Object> edge : (List<Map<String, Object>>) search(query, null).get("edges")) {
			all.addAll((List<String>) edge.get("highlights"));
		}
		return all;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> search(String query, Map<String, Object> filter) {
		// A shared machine can be slow on a first highlight: wait longer than 5 s.
		return this.graphQl.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.document(SEARCH)
			.variable("q", query)
			.variable("filter", filter)
			.execute()
			.path("searchConversations")
			.entity(Map.class)
			.get();
	}

}
