package io.chatwarden.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatwarden.support.SimulatedCopyTest;
import io.chatwarden.support.TestAuthentication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's audit gaps, closed: message text read through any path is audited, search
 * and export entries keep their filters, exports are audited when they start, every
 * mutation names the authenticated caller whatever the request claims, and an entry
 * deleted or edited behind the app's back shows when the log is verified.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.findings.enabled=false" })
class AuditTrailTests extends SimulatedCopyTest {

	@DynamicPropertySource
	static void freshIndices(DynamicPropertyRegistry registry) {
		// Audit entries are counted exactly: start from empty indices on every run.
		registry.add("chatwarden.store.index-prefix", () -> "cw-audit-" + Long.toHexString(System.nanoTime()));
		registry.add("chatwarden.audit.key-file", () -> System.getProperty("java.io.tmpdir") + "/cw-audit-test-key-"
				+ Long.toHexString(System.nanoTime()));
	}

	@LocalServerPort
	int port;

	HttpGraphQlTester graphQl;

	@BeforeEach
	void client() {
		this.graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port + "/graphql")
			.responseTimeout(Duration.ofSeconds(60))
			.defaultHeader("Authorization", "Bearer " + TestAuthentication.ADMIN_TOKEN)
			.build());
	}

	@Test
	void shouldAuditMessageTextReadThroughConversations() {
		List<String> texts = this.graphQl.document(
				"{ conversations(first: 3) { edges { node { id messages(first: 4) { edges { node { text } } } } } } }")
			.execute()
			.path("conversations.edges[*].node.messages.edges[*].node.text")
			.entityList(String.class)
			.get();
		List<String> ids = this.graphQl.document("{ conversations(first: 3) { edges { node { id } } } }")
			.execute()
			.path("conversations.edges[*].node.id")
			.entityList(String.class)
			.get();
		Map<String, Object> entry = newest("message.read");
		assertThat(entry).containsEntry("actor", "bootstrap-admin");
		assertThat(((Number) entry.get("resultCount")).intValue()).isEqualTo(texts.size()).isPositive();
		assertThat((List<String>) entry.get("targets")).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void shouldAuditMessageTextReadThroughAUser() {
		String user = this.graphQl.document("{ users(first: 1) { edges { node { id } } } }")
			.execute()
			.path("users.edges[0].node.id")
			.entity(String.class)
			.get();
		long before = count("message.read");
		this.graphQl
			.document("query($id: ID!) { user(id: $id) { conversations(first: 2) { edges { node { "
					+ "messages(first: 3) { edges { node { text } } } } } } } }")
			.variable("id", user)
			.execute()
			.path("user")
			.hasValue();
		assertThat(count("message.read")).isEqualTo(before + 1);
	}

	@Test
	void shouldRecordSearchFilters() {
		this.graphQl
			.document("{ searchConversations(query: \"\", filter: {userEmails: [\"only.this@acme.example\"]}) "
					+ "{ totalCount } }")
			.execute()
			.path("searchConversations.totalCount")
			.hasValue();
		Map<String, Object> entry = newest("search");
		assertThat((String) entry.get("filters")).contains("only.this@acme.example");
	}

	@Test
	void shouldAuditAnExportWhenItStartsAndWhenItEnds() {
		long started = count("export.start");
		long ended = count("export");
		WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(60))
			.build()
			.get()
			.uri("/api/export/search?query=&format=ndjson&userEmails=only.this@acme.example")
			.header("Authorization", "Bearer " + TestAuthentication.ADMIN_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		assertThat(count("export.start")).isEqualTo(started + 1);
		assertThat(count("export")).isEqualTo(ended + 1);
		assertThat((String) newest("export.start").get("filters")).contains("only.this@acme.example");
		assertThat(newest("export")).containsEntry("outcome", "ok");
	}

	@Test
	void shouldAuditEveryMutationAsTheAuthenticatedCaller() {
		String type = this.graphQl.document("{ findingTypes { id } }")
			.execute()
			.path("findingTypes[0].id")
			.entity(String.class)
			.get();
		this.graphQl
			.document("mutation($id: ID!) { setFindingTypeSettings(input: {typeId: $id, severity: LOW, "
					+ "by: \"someone-else\"}) { id } }")
			.variable("id", type)
			.execute()
			.path("setFindingTypeSettings.id")
			.entity(String.class)
			.isEqualTo(type);
		assertThat(newest("finding.type-settings")).containsEntry("actor", "bootstrap-admin")
			.containsEntry("target", type);
		this.graphQl.document("mutation { evaluateFindings { id } }").execute();
		assertThat(newest("findings.evaluate")).containsEntry("actor", "bootstrap-admin");
	}

	@Test
	void shouldShowADeletedOrEditedEntryWhenVerifying() throws Exception {
		for (int i = 0; i < 4; i++) {
			this.graphQl.document("{ searchConversations(query: \"tamper" + i + "\") { totalCount } }").execute();
		}
		assertThat(verify()).containsEntry("intact", true);
		List<String> ids = entryIds();
		// Edit one entry, as a local process with write access to the index could.
		this.client
			.update(u -> u.index(this.indices.alias(AuditLog.INDEX))
				.id(ids.get(1))
				.doc(Map.of("actor", "someone-else"))
				.refresh(Refresh.True), Map.class)
			.get();
		Map<String, Object> edited = verify();
		assertThat(edited).containsEntry("intact", false);
		assertThat((List<String>) edited.get("problems")).anySatisfy(p -> assertThat(p).contains("changed"));
		// Delete another one.
		this.client.delete(d -> d.index(this.indices.alias(AuditLog.INDEX)).id(ids.get(2)).refresh(Refresh.True)).get();
		Map<String, Object> deleted = verify();
		assertThat((List<String>) deleted.get("problems")).anySatisfy(p -> assertThat(p).contains("missing"));
	}

	private Map<String, Object> verify() {
		return this.graphQl.document("{ verifyAuditLog { intact entries chains problems } }")
			.execute()
			.path("verifyAuditLog")
			.entity(Map.class)
			.get();
	}

	private List<String> entryIds() throws Exception {
		this.client.indices().refresh(r -> r.index(this.indices.alias(AuditLog.INDEX))).get();
		return this.client
			.search(s -> s.index(this.indices.alias(AuditLog.INDEX))
				.size(100)
				.query(q -> q.exists(e -> e.field("hash")))
				.sort(o -> o.field(f -> f.field("seq").order(SortOrder.Asc))), AuditEvent.class)
			.get()
			.hits()
			.hits()
			.stream()
			.map(hit -> hit.id())
			.toList();
	}

	/** Entries are written before the answer, but searchable only after a refresh. */
	private void refresh() {
		try {
			this.client.indices().refresh(r -> r.index(this.indices.alias(AuditLog.INDEX))).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, Object> newest(String action) {
		refresh();
		return this.graphQl
			.document("query($action: String) { auditLog(filter: {action: $action}, first: 1) { edges { node { "
					+ "actor action target query resultCount outcome filters targets } } } }")
			.variable("action", action)
			.execute()
			.path("auditLog.edges[0].node")
			.entity(Map.class)
			.get();
	}

	private long count(String action) {
		refresh();
		return this.graphQl.document("query($action: String) { auditLog(filter: {action: $action}) { totalCount } }")
			.variable("action", action)
			.execute()
			.path("auditLog.totalCount")
			.entity(Long.class)
			.get();
	}

}
