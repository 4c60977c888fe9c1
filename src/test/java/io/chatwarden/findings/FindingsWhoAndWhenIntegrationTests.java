package io.chatwarden.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chatwarden.support.SimulatedCopyTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings say who and when ({@code Finding.userEmail}, {@code Finding.occurredAt}) and
 * lead to the events behind them, over the simulator's workspace in a real OpenSearch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-whowhen", "chatwarden.findings.interval=1h" })
@AutoConfigureHttpGraphQlTester
class FindingsWhoAndWhenIntegrationTests extends SimulatedCopyTest {

	// language=GraphQL
	private static final String FINDINGS = """
			query($filter: FindingFilter) { findings(filter: $filter, first: 100) { edges { node {
			  id typeId resourceType resourceId userEmail occurredAt firstSeenAt eventIds } } } }
			""";

	HttpGraphQlTester graphQl;

	@Autowired
	void graphQl(HttpGraphQlTester tester) {
		this.graphQl = tester.mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

	@BeforeAll
	void evaluate(@Autowired FindingScheduler scheduler) {
		assertThat(scheduler.evaluate().block(Duration.ofMinutes(2)).failedRules()).isEmpty();
	}

	@Test
	void dlpFindingsNameTheConversationsUserAndTheMatchingMessagesTime() {
		List<Map<String, Object>> dlp = findings(Map.of("categories", List.of("dlp")));
		assertThat(dlp).isNotEmpty();
		int checked = 0;
		for (Map<String, Object> finding : dlp) {
			Map<String, Object> data = this.graphQl.document("query($id: ID!) { conversation(id: $id) { userEmail } }")
				.variable("id", finding.get("resourceId"))
				.execute()
				.returnResponse()
				.getData();
			@SuppressWarnings("unchecked")
			Map<String, Object> conversation = (Map<String, Object>) data.get("conversation");
			if (conversation == null) {
				// Not a conversation (a file), or one known from its messages only.
				continue;
			}
			checked++;
			assertThat(finding.get("userEmail")).as("%s", finding).isEqualTo(conversation.get("userEmail"));
			Instant occurred = Instant.parse((String) finding.get("occurredAt"));
			// When the message was written, not when the rule ran.
			assertThat(occurred).isBefore(Instant.parse((String) finding.get("firstSeenAt")));
		}
		assertThat(checked).isPositive();
	}

	@Test
	void keyFindingsSayWhenTheKeyWasLastUsedOrCreated() {
		List<Map<String, Object>> keys = findings(Map.of("typeIds",
				List.of("admin-key-not-rotated", "project-key-not-rotated", "admin-key-unused", "project-key-unused")));
		assertThat(keys).isNotEmpty().allSatisfy(finding -> assertThat(finding.get("occurredAt")).isNotNull());
	}

	@Test
	@SuppressWarnings("unchecked")
	void eventFindingsLinkToTheEventsBehindThem() {
		List<Map<String, Object>> raised = findings(Map.of("typeIds", List.of("user-role-raised")));
		assertThat(raised).isNotEmpty();
		for (Map<String, Object> finding : raised) {
			List<String> ids = (List<String>) finding.get("eventIds");
			assertThat(ids).isNotEmpty();
			assertThat(finding.get("userEmail")).isNotNull();
			List<Map<String, Object>> events = this.graphQl
				.document("query($f: EventFilter) { events(filter: $f) { edges { node { id action timestamp } } } }")
				.variable("f", Map.of("ids", ids))
				.execute()
				.path("events.edges[*].node")
				.entityList(Map.class)
				.get()
				.stream()
				.map(e -> (Map<String, Object>) e)
				.toList();
			assertThat(events).extracting(e -> e.get("id")).containsExactlyInAnyOrderElementsOf(ids);
			assertThat(events).allSatisfy(e -> assertThat(e.get("action")).isEqualTo("USER_ROLE_UPDATED"));
			assertThat(events).anySatisfy(e -> assertThat(Instant.parse((String) e.get("timestamp")))
				.isEqualTo(Instant.parse((String) finding.get("occurredAt"))));
		}
	}

	@Test
	void eventFiltersMatchAnyCaseByPrefixAndTypesComeFromTheData() {
		long exact = eventCount(Map.of("actions", List.of("USER_ROLE_UPDATED")));
		assertThat(exact).isPositive();
		assertThat(eventCount(Map.of("actions", List.of("user_role")))).isEqualTo(exact);
		List<String> types = this.graphQl.document("{ eventFacets { types { value count } } }")
			.execute()
			.path("eventFacets.types[*].value")
			.entityList(String.class)
			.get();
		assertThat(types).contains("AUTH_LOG");
		assertThat(eventCount(Map.of("types", List.of("auth"))))
			.isEqualTo(eventCount(Map.of("types", List.of("AUTH_LOG"))));
	}

	private long eventCount(Map<String, Object> filter) {
		return this.graphQl.document("query($f: EventFilter) { events(filter: $f) { totalCount } }")
			.variable("f", filter)
			.execute()
			.path("events.totalCount")
			.entity(Long.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> findings(Map<String, Object> filter) {
		return this.graphQl.document(FINDINGS)
			.variable("filter", filter)
			.execute()
			.path("findings.edges[*].node")
			.entityList(Map.class)
			.get()
			.stream()
			.map(f -> (Map<String, Object>) f)
			.toList();
	}

}
