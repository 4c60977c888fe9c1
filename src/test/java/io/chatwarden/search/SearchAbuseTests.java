package io.chatwarden.search;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import graphql.execution.preparsed.NoOpPreparsedDocumentProvider;
import io.chatwarden.support.SimulatedCopyTest;
import io.chatwarden.support.TestAuthentication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's search-side attacks, stopped. Point-in-time exhaustion: one request cannot
 * alias searches without bound (also when its parsed document is reused from the cache),
 * a caller cannot hold more than its share of points in time, a first page holds none,
 * and paging to the end releases the one the second page opened. And a VIEWER cannot
 * delete someone else's saved search.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-search-abuse", "chatwarden.findings.enabled=false" })
class SearchAbuseTests extends SimulatedCopyTest {

	static final String ADMIN = "bootstrap:bootstrap-admin";

	@LocalServerPort
	int port;

	@Autowired
	PitBudget budget;

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void shouldRefuseARequestAliasingManySearches() {
		StringBuilder searches = new StringBuilder("{");
		for (int i = 0; i < 5; i++) {
			searches.append(" s").append(i).append(": searchConversations(query: \"\", first: 1) { totalCount }");
		}
		List<String> errors = errors(graphQl(TestAuthentication.ADMIN_TOKEN), searches.append(" }").toString());
		assertThat(errors).singleElement().satisfies(message -> assertThat(message).contains("at most 4 searches"));
		StringBuilder fields = new StringBuilder("{");
		for (int i = 0; i < 31; i++) {
			fields.append(" v").append(i).append(": viewer { name }");
		}
		assertThat(errors(graphQl(TestAuthentication.ADMIN_TOKEN), fields.append(" }").toString())).singleElement()
			.satisfies(message -> assertThat(message).contains("at most 30 root fields"));
	}

	@Test
	void shouldStillRefuseARequestAliasingManySearchesWhenItsParsedDocumentIsReused() {
		assertThat(this.graphQlSource.graphQl().getPreparsedDocumentProvider())
			.isNotSameAs(NoOpPreparsedDocumentProvider.INSTANCE);
		StringBuilder searches = new StringBuilder("{");
		for (int i = 0; i < 5; i++) {
			searches.append(" again").append(i).append(": searchConversations(query: \"\", first: 1) { totalCount }");
		}
		for (int i = 0; i < 3; i++) {
			assertThat(errors(graphQl(TestAuthentication.ADMIN_TOKEN), searches + " }")).singleElement()
				.satisfies(message -> assertThat(message).contains("at most 4 searches"));
		}
	}

	@Test
	void shouldHoldNoPointInTimeForAFirstPage() {
		long before = this.budget.held(ADMIN);
		graphQl(TestAuthentication.ADMIN_TOKEN)
			.document("{ searchConversations(query: \"\", first: 5) { totalCount " + "pageInfo { hasNextPage } } }")
			.execute()
			.path("searchConversations.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(true);
		assertThat(this.budget.held(ADMIN)).isEqualTo(before);
	}

	@Test
	void shouldReleaseThePointInTimeOfASearchPagedToTheEnd() {
		long before = this.budget.held(ADMIN);
		HttpGraphQlTester admin = graphQl(TestAuthentication.ADMIN_TOKEN);
		int total = admin.document("{ searchConversations(query: \"\", first: 1) { totalCount } }")
			.execute()
			.path("searchConversations.totalCount")
			.entity(Integer.class)
			.get();
		// Three pages: the first, the one that opens a point in time, the last.
		String query = "query($after: String, $first: Int) { searchConversations(query: \"\", first: $first, "
				+ "after: $after) { pageInfo { hasNextPage endCursor } } }";
		String cursor = admin.document(query)
			.variable("first", total / 3 + 1)
			.execute()
			.path("searchConversations.pageInfo.endCursor")
			.entity(String.class)
			.get();
		assertThat(this.budget.held(ADMIN)).isEqualTo(before);
		// The second page opens the point in time later pages read.
		cursor = admin.document(query)
			.variable("first", total / 3 + 1)
			.variable("after", cursor)
			.execute()
			.path("searchConversations.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("searchConversations.pageInfo.endCursor")
			.entity(String.class)
			.get();
		assertThat(this.budget.held(ADMIN)).isEqualTo(before + 1);
		admin.document(query)
			.variable("first", total / 3 + 1)
			.variable("after", cursor)
			.execute()
			.path("searchConversations.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(false);
		assertThat(this.budget.held(ADMIN)).isEqualTo(before);
	}

	@Test
	void shouldCapThePointsInTimeOneCallerHolds() {
		HttpGraphQlTester greedy = graphQl(createViewer("greedy"));
		String page = "query($after: String) { searchConversations(query: \"\", first: 1, after: $after) "
				+ "{ pageInfo { hasNextPage endCursor } } }";
		String cursor = greedy.document(page)
			.execute()
			.path("searchConversations.pageInfo.endCursor")
			.entity(String.class)
			.get();
		// First pages hold nothing; each second page read from the same cursor opens one.
		for (int i = 0; i < PitBudget.PER_CALLER + 3; i++) {
			assertThat(errors(greedy, "{ searchConversations(query: \"\", first: 1) { totalCount } }")).isEmpty();
		}
		for (int i = 0; i < PitBudget.PER_CALLER; i++) {
			assertThat(errors(greedy, page, cursor)).isEmpty();
		}
		assertThat(errors(greedy, page, cursor)).singleElement()
			.satisfies(message -> assertThat(message).contains("searches or exports open"));
		// Everyone else still searches and pages.
		assertThat(errors(graphQl(createViewer("someone-else")), page, cursor)).isEmpty();
	}

	@Test
	void shouldLetOnlyTheOwnerOrAnAdminDeleteASavedSearch() {
		HttpGraphQlTester owner = graphQl(createViewer("owner"));
		HttpGraphQlTester other = graphQl(createViewer("other"));
		String create = "mutation { createSavedSearch(input: {name: \"mine\", query: \"secret project\"}) "
				+ "{ savedSearch { id } } }";
		String delete = "mutation($id: ID!) { deleteSavedSearch(input: {id: $id}) { deletedId } }";
		String first = owner.document(create)
			.execute()
			.path("createSavedSearch.savedSearch.id")
			.entity(String.class)
			.get();
		other.document(delete)
			.variable("id", first)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN)));
		owner.document(delete)
			.variable("id", first)
			.execute()
			.path("deleteSavedSearch.deletedId")
			.entity(String.class)
			.isEqualTo(first);
		String second = owner.document(create)
			.execute()
			.path("createSavedSearch.savedSearch.id")
			.entity(String.class)
			.get();
		graphQl(TestAuthentication.ADMIN_TOKEN).document(delete)
			.variable("id", second)
			.execute()
			.path("deleteSavedSearch.deletedId")
			.entity(String.class)
			.isEqualTo(second);
	}

	private String createViewer(String name) {
		return graphQl(TestAuthentication.ADMIN_TOKEN)
			.document("mutation($name: String!) { createApiToken(input: {name: $name, role: \"VIEWER\"}) { value } }")
			.variable("name", name)
			.execute()
			.path("createApiToken.value")
			.entity(String.class)
			.get();
	}

	private static List<String> errors(HttpGraphQlTester tester, String document) {
		return errors(tester, document, null);
	}

	private static List<String> errors(HttpGraphQlTester tester, String document, String after) {
		return tester.document(document)
			.variable("after", after)
			.execute()
			.returnResponse()
			.getErrors()
			.stream()
			.map(error -> error.getMessage())
			.toList();
	}

	private HttpGraphQlTester graphQl(String token) {
		return HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port + "/graphql")
			.responseTimeout(Duration.ofSeconds(60))
			.defaultHeader("Authorization", "Bearer " + token)
			.build());
	}

}
