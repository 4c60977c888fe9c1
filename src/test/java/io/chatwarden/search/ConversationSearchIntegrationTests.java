package io.chatwarden.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.simulator.Needle;
import io.chatwarden.support.SimulatedCopyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code searchConversations} over GraphQL against the simulator's workspace in a real
 * OpenSearch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-search", "chatwarden.demo.enabled=false" })
@AutoConfigureHttpGraphQlTester
class ConversationSearchIntegrationTests extends SimulatedCopyTest {

	// language=GraphQL
	private static final String SEARCH = """
			query search($q: String!, $filter: ConversationFilter, $first: Int, $after: String, $sort: SearchSort) {
			  searchConversations(query: $q, filter: $filter, first: $first, after: $after, sort: $sort) {
			    totalCount
			    edges { cursor node { id userEmail } highlights matchedMessages { id text conversationId } }
			    pageInfo { hasNextPage endCursor }
			  }
			}
			""";

	HttpGraphQlTester graphQl;

	/** A machine shared with other builds can be slow on a first highlight. */
	@Autowired
	void graphQl(HttpGraphQlTester tester) {
		this.graphQl = tester.mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

	@Test
	void shouldFindEveryPlantedNeedleInExactlyItsConversations() {
		for (Needle needle : simulator.workspace().needles()) {
			List<String> found = ids("\"" + needle.phrase() + "\"", null);
			assertThat(found).as(needle.phrase()).containsExactlyInAnyOrderElementsOf(needle.conversationIds());
		}
	}

	@Test
	void shouldNotMatchAQuotedPhraseWhoseWordsAreApart() {
		Needle scattered = simulator.workspace()
			.needles()
			.stream()
			.filter(needle -> !needle.scatteredIn().isEmpty())
			.findFirst()
			.orElseThrow();
		assertThat(ids("\"" + scattered.phrase() + "\"", null)).doesNotContainAnyElementsOf(scattered.scatteredIn());
		// The same words unquoted match wherever all of them occur in one message.
		assertThat(ids(scattered.phrase(), null)).containsAll(scattered.scatteredIn())
			.containsAll(scattered.conversationIds());
	}

	@Test
	void shouldExcludeAndCombineWithOr() {
		Needle quantum = needle("quantum pineapple ledger");
		Needle okapi = needle("velvet thunder okapi");
		assertThat(ids("\"quantum pineapple ledger\" OR \"velvet thunder okapi\"", null))
			.containsExactlyInAnyOrderElementsOf(concat(quantum.conversationIds(), okapi.conversationIds()));
		assertThat(ids("copper falcon sonata -\"copper falcon sonata\"", null))
			.containsAll(needle("copper falcon sonata").scatteredIn())
			.doesNotContainAnyElementsOf(needle("copper falcon sonata").conversationIds());
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"unbalanced", "a:b:c", "(((", "\\", "title:[", "AND", "OR", "-", "\"\"", "user:",
			"NOT foo~2 bar^3 /regex/ {x TO y} [a TO b] && || !", "tool:\"python" })
	void shouldAnswerHostileInputWithoutErrors(String query) {
		this.graphQl.document(SEARCH).variable("q", query).execute().errors().verify();
	}

	@Test
	void shouldAnswerTenKilobytesOfTextWithoutErrors() {
		String words = "lorem ipsum dolor \"sit amet\" -consectetur user:a@b.c title:x OR ";
		String query = words.repeat(10_240 / words.length() + 1);
		this.graphQl.document(SEARCH).variable("q", query).execute().errors().verify();
	}

	@Test
	void shouldHighlightTheMatchedTerm() {
		List<Map<String, Object>> edges = edges("\"marzipan escrow lighthouse\"", null, 100, null);
		assertThat(edges).isNotEmpty();
		for (Map<String, Object> edge : edges) {
			@SuppressWarnings("unchecked")
			List<String> highlights = (List<String>) edge.get("highlights");
			assertThat(highlights).anySatisfy(h -> assertThat(h).contains("<mark>").containsIgnoringCase("marzipan"));
		}
	}

	@Test
	void shouldReturnEveryResultOnceWhenWalkingSmallPagesInBothOrders() {
		for (String sort : List.of("RELEVANCE", "RECENT")) {
			Set<String> seen = new HashSet<>();
			List<String> walked = new ArrayList<>();
			String after = null;
			long total = -1;
			do {
				Map<String, Object> page = this.graphQl.document(SEARCH)
					.variable("q", "the")
					.variable("first", 3)
					.variable("after", after)
					.variable("sort", sort)
					.execute()
					.path("searchConversations")
					.entity(Map.class)
					.get();
				total = ((Number) page.get("totalCount")).longValue();
				@SuppressWarnings("unchecked")
				List<Map<String, Object>> edges = (List<Map<String, Object>>) page.get("edges");
				edges.forEach(edge -> walked.add(nodeId(edge)));
				seen.addAll(walked);
				@SuppressWarnings("unchecked")
				Map<String, Object> info = (Map<String, Object>) page.get("pageInfo");
				after = Boolean.TRUE.equals(info.get("hasNextPage")) ? (String) info.get("endCursor") : null;
			}
			while (after != null);
			assertThat(walked).as(sort).doesNotHaveDuplicates().hasSize((int) total);
			assertThat(total).as(sort).isGreaterThan(10);
		}
	}

	@Test
	void shouldCountFacetsThatSumToTheTotal() {
		// language=GraphQL
		String query = """
				{ searchConversations(query: "the", first: 1) {
				    totalCount
				    facets(size: 100) {
				      users { buckets { value count } otherCount noneCount }
				      gpts { buckets { value count } otherCount noneCount }
				      months { buckets { value count } otherCount noneCount }
				      tools { buckets { value count } otherCount noneCount }
				    } } }
				""";
		var response = this.graphQl.document(query).execute();
		long total = response.path("searchConversations.totalCount").entity(Long.class).get();
		assertThat(total).isGreaterThan(10);
		for (String facet : List.of("users", "months", "gpts")) {
			List<Long> counts = response.path("searchConversations.facets." + facet + ".buckets[*].count")
				.entityList(Long.class)
				.get();
			long other = response.path("searchConversations.facets." + facet + ".otherCount").entity(Long.class).get();
			long none = response.path("searchConversations.facets." + facet + ".noneCount").entity(Long.class).get();
			// Listed values, "other" (a value not listed) and "none" (no value) add up.
			assertThat(counts.stream().mapToLong(Long::longValue).sum() + other + none).as(facet).isEqualTo(total);
			if (!facet.equals("gpts")) {
				assertThat(other + none).as(facet).isZero();
			}
		}
	}

	@Test
	void shouldFilterByUserWithAFieldPrefixAndWithTheFilter() {
		Needle quantum = needle("quantum pineapple ledger");
		List<Map<String, Object>> edges = edges("\"quantum pineapple ledger\"", null, 100, null);
		String email = (String) ((Map<?, ?>) edges.get(0).get("node")).get("userEmail");
		List<String> byPrefix = ids("\"quantum pineapple ledger\" user:" + email, null);
		List<String> byFilter = ids("\"quantum pineapple ledger\"", Map.of("userEmails", List.of(email)));
		assertThat(byPrefix).isNotEmpty().isSubsetOf(quantum.conversationIds()).isEqualTo(byFilter);
	}

	@Test
	void shouldRejectACursorOfAnotherSearchAsABadRequest() {
		List<Map<String, Object>> edges = edges("the", null, 2, null);
		String cursor = (String) edges.get(0).get("cursor");
		this.graphQl.document(SEARCH)
			.variable("q", "another")
			.variable("after", cursor)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("BAD_REQUEST")));
	}

	private Needle needle(String phrase) {
		return simulator.workspace()
			.needles()
			.stream()
			.filter(needle -> needle.phrase().equals(phrase))
			.findFirst()
			.orElseThrow();
	}

	private List<String> ids(String query, Map<String, Object> filter) {
		return edges(query, filter, 100, null).stream().map(ConversationSearchIntegrationTests::nodeId).toList();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> edges(String query, Map<String, Object> filter, int first, String after) {
		Map<String, Object> page = this.graphQl.document(SEARCH)
			.variable("q", query)
			.variable("filter", filter)
			.variable("first", first)
			.variable("after", after)
			.execute()
			.path("searchConversations")
			.entity(Map.class)
			.get();
		assertThat(((Map<String, Object>) page.get("pageInfo")).get("hasNextPage")).isEqualTo(first < 100);
		return (List<Map<String, Object>>) page.get("edges");
	}

	private static String nodeId(Map<String, Object> edge) {
		return (String) ((Map<?, ?>) edge.get("node")).get("id");
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	@Test
	void shouldAnswerAnExpiredCursorWithABadRequest() throws Exception {
		// A first page's cursor holds no point in time; the second page opens one.
		List<Map<String, Object>> first = edges("the", null, 2, null);
		List<Map<String, Object>> edges = edges("the", null, 2, (String) first.get(1).get("cursor"));
		String cursor = (String) edges.get(0).get("cursor");
		String pit = new com.fasterxml.jackson.databind.ObjectMapper()
			.readTree(java.util.Base64.getUrlDecoder().decode(cursor))
			.path("pit")
			.asText();
		this.client.deletePit(d -> d.pitId(pit)).get();
		this.graphQl.document(SEARCH)
			.variable("q", "the")
			.variable("first", 2)
			.variable("after", cursor)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getErrorType().toString()).isEqualTo("BAD_REQUEST");
				assertThat(error.getMessage()).contains("expired");
			}));
	}

}
