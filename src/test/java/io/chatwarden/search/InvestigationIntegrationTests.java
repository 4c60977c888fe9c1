package io.chatwarden.search;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.simulator.ExpectedCounts;
import io.chatwarden.support.SimulatedCopyTest;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.FieldValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pivots and inventory over GraphQL against the simulator's workspace: GPT and user
 * conversations, related conversations, keys, projects, org users, invites, limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-investigate", "chatwarden.demo.enabled=false" })
@AutoConfigureHttpGraphQlTester
class InvestigationIntegrationTests extends SimulatedCopyTest {

	@Autowired
	HttpGraphQlTester graphQl;

	@Test
	void shouldPivotFromEveryGptToExactlyTheConversationsWhoseMessagesUsedIt() throws Exception {
		// language=GraphQL
		String query = """
				{ gpts(first: 100) { totalCount edges { node { id conversationCount
				    conversations(first: 100) { totalCount edges { node { id } } pageInfo { hasNextPage } } } } } }
				""";
		List<Map<String, Object>> gpts = this.graphQl.document(query)
			.execute()
			.path("gpts.edges[*].node")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(gpts).hasSize(simulator.workspace().expectedCounts().gpts());
		int used = 0;
		for (Map<String, Object> gpt : gpts) {
			Set<String> expected = conversationsWhoseMessagesUsed((String) gpt.get("id"));
			Map<?, ?> conversations = (Map<?, ?>) gpt.get("conversations");
			Set<String> pivoted = new HashSet<>();
			((List<?>) conversations.get("edges"))
				.forEach(edge -> pivoted.add((String) ((Map<?, ?>) ((Map<?, ?>) edge).get("node")).get("id")));
			assertThat(pivoted).as((String) gpt.get("id")).isEqualTo(expected);
			assertThat(((Number) gpt.get("conversationCount")).intValue()).isEqualTo(expected.size());
			assertThat(((Number) conversations.get("totalCount")).intValue()).isEqualTo(expected.size());
			used += expected.isEmpty() ? 0 : 1;
		}
		assertThat(used).isGreaterThan(1);
	}

	private Set<String> conversationsWhoseMessagesUsed(String gptId) throws Exception {
		var response = this.client
			.search(s -> s.index(this.indices.messages())
				.size(0)
				.query(q -> q.term(t -> t.field("gptId").value(FieldValue.of(gptId))))
				.aggregations("ids", a -> a.terms(t -> t.field("conversationId").size(10_000))), Void.class)
			.get();
		Set<String> ids = new HashSet<>();
		response.aggregations().get("ids").sterms().buckets().array().forEach(bucket -> ids.add(bucket.key()));
		return ids;
	}

	@Test
	void shouldCountEveryUsersConversationsAndPivotToThem() {
		// language=GraphQL
		String query = """
				{ users(first: 100) { totalCount edges { node { id email conversationCount lastActiveAt
				    conversations(first: 1) { totalCount edges { node { userEmail } } } } } } }
				""";
		var response = this.graphQl.document(query).execute();
		List<Long> counts = response.path("users.edges[*].node.conversationCount").entityList(Long.class).get();
		List<Long> totals = response.path("users.edges[*].node.conversations.totalCount").entityList(Long.class).get();
		assertThat(counts).hasSize(simulator.workspace().expectedCounts().users()).isEqualTo(totals);
		assertThat(counts.stream().mapToLong(Long::longValue).sum())
			.isEqualTo(simulator.workspace().expectedCounts().conversations());
	}

	@Test
	void shouldListTheAdminInventoryWithFilters() {
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		assertThat(total("adminKeys")).isEqualTo(expected.adminKeys());
		assertThat(total("projects")).isEqualTo(expected.projects());
		assertThat(total("projectKeys")).isEqualTo(expected.projectKeys());
		assertThat(total("orgUsers")).isEqualTo(expected.orgUsers());
		assertThat(total("invites")).isEqualTo(expected.invites());
		// language=GraphQL
		String pending = "{ invites(filter: { statuses: [\"pending\"] }, first: 100) { edges { node { status } } } }";
		assertThat(this.graphQl.document(pending)
			.execute()
			.path("invites.edges[*].node.status")
			.entityList(String.class)
			.get()).isNotEmpty().containsOnly("pending");
	}

	private long total(String field) {
		return this.graphQl.document("{ " + field + "(first: 1) { totalCount } }")
			.execute()
			.path(field + ".totalCount")
			.entity(Long.class)
			.get();
	}

	@Test
	void shouldShowAConversationInReadingOrderWithTheSameUsersRelatedConversations() {
		String id = simulator.workspace().conversationId(3);
		// language=GraphQL
		String query = """
				query one($id: ID!) { conversation(id: $id) { id userEmail messageCount
				    messages(first: 100) { edges { node { position role } } }
				    relatedConversations(days: 365, first: 100) { totalCount edges { node { id userEmail } } } } }
				""";
		var response = this.graphQl.document(query).variable("id", id).execute();
		String email = response.path("conversation.userEmail").entity(String.class).get();
		List<Integer> positions = response.path("conversation.messages.edges[*].node.position")
			.entityList(Integer.class)
			.get();
		assertThat(positions).isSorted()
			.hasSize(response.path("conversation.messageCount").entity(Integer.class).get());
		List<String> relatedEmails = response.path("conversation.relatedConversations.edges[*].node.userEmail")
			.entityList(String.class)
			.get();
		assertThat(relatedEmails).containsOnly(email);
		assertThat(response.path("conversation.relatedConversations.edges[*].node.id").entityList(String.class).get())
			.doesNotContain(id);
	}

	@Test
	void shouldRejectQueriesBeyondTheComplexityLimit() {
		// language=GraphQL
		String query = """
				{ gpts(first: 100) { edges { node { conversations(first: 100) { edges { node {
				    messages(first: 100) { edges { node { id text } } } } } } } } } }
				""";
		this.graphQl.document(query)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty()
				.anySatisfy(error -> assertThat(error.getMessage()).containsIgnoringCase("complexity")));
	}

	@Test
	void shouldSaveListWithLiveHitCountsAndDeleteSearches() {
		this.counts.clear(SavedSearchGateway.INDEX);
		// language=GraphQL
		String create = """
				mutation save($name: String!, $query: String!) {
				  createSavedSearch(input: { name: $name, query: $query, sort: RECENT }) { savedSearch { id hitCount } } }
				""";
		String id = this.graphQl.document(create)
			.variable("name", "Quantum leak")
			.variable("query", "\"quantum pineapple ledger\"")
			.execute()
			.path("createSavedSearch.savedSearch.id")
			.entity(String.class)
			.get();
		this.graphQl.document(create).variable("name", "Okapi").variable("query", "\"velvet thunder okapi\"").execute();
		// language=GraphQL
		String list = "{ savedSearches(first: 10) { totalCount edges { node { id name query sort hitCount } } } }";
		var listed = this.graphQl.document(list).execute();
		assertThat(listed.path("savedSearches.edges[*].node.name").entityList(String.class).get())
			.containsExactly("Okapi", "Quantum leak");
		assertThat(listed.path("savedSearches.edges[*].node.hitCount").entityList(Integer.class).get()).containsExactly(
				needle("velvet thunder okapi").conversationIds().size(),
				needle("quantum pineapple ledger").conversationIds().size());
		// language=GraphQL
		String delete = "mutation drop($id: ID!) { deleteSavedSearch(input: { id: $id }) { deletedId } }";
		this.graphQl.document(delete)
			.variable("id", id)
			.execute()
			.path("deleteSavedSearch.deletedId")
			.entity(String.class)
			.isEqualTo(id);
		this.graphQl.document(delete)
			.variable("id", id)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("NOT_FOUND")));
	}

	private io.chatwarden.simulator.Needle needle(String phrase) {
		return simulator.workspace()
			.needles()
			.stream()
			.filter(n -> n.phrase().equals(phrase))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void shouldAggregateActivityAndTopListsForCharts() {
		ExpectedCounts expected = simulator.workspace().expectedCounts();
		// language=GraphQL
		String query = """
				{ activity(interval: MONTH) { start conversations messages }
				  topUsers(size: 5) { key count } topGpts(size: 3) { key count } toolUsage { key count } }
				""";
		var response = this.graphQl.document(query).execute();
		assertThat(response.path("activity[*].conversations")
			.entityList(Long.class)
			.get()
			.stream()
			.mapToLong(Long::longValue)
			.sum()).isEqualTo(expected.conversations());
		long datedMessages = this.counts.count(io.chatwarden.store.Indices.MESSAGES,
				org.opensearch.client.opensearch._types.query_dsl.Query.of(q -> q.exists(e -> e.field("createdAt"))));
		assertThat(response.path("activity[*].messages")
			.entityList(Long.class)
			.get()
			.stream()
			.mapToLong(Long::longValue)
			.sum()).isEqualTo(datedMessages);
		assertThat(response.path("topUsers[*].count").entityList(Long.class).get()).hasSize(5)
			.isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(response.path("topGpts[*].key").entityList(String.class).get()).hasSize(3);
		assertThat(response.path("toolUsage[*].key").entityList(String.class).get()).isNotEmpty();
	}

}
