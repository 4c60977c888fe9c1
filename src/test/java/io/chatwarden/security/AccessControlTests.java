package io.chatwarden.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatwarden.audit.AuditLog;
import io.chatwarden.support.IndexCounts;
import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

import io.chatwarden.store.Indices;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Each access boundary, proved over HTTP against the running app. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.sync.enabled=false", "chatwarden.demo.enabled=false",
				"chatwarden.security.bootstrap-admin-token=" + AccessControlTests.BOOTSTRAP,
				"chatwarden.openai.compliance.api-key=" + AccessControlTests.OPENAI_KEY,
				"chatwarden.openai.compliance.workspace-id=ws-1",
				"opensearch.password=" + AccessControlTests.OPENSEARCH_PASSWORD })
@ExtendWith(OutputCaptureExtension.class)
class AccessControlTests extends OpenSearchTest {

	static final String BOOTSTRAP = "bootstrap-Secret-7f3a9c1e";

	static final String OPENAI_KEY = "sk-proj-PlantedConfigKeyT3BlbkFJ9a8b7c6d5e4f";

	static final String OPENSEARCH_PASSWORD = "os-Password-Planted-42";

	@DynamicPropertySource
	static void freshIndices(DynamicPropertyRegistry registry) {
		// Audit entries are counted exactly: start from empty indices even on a node kept
		// between runs.
		registry.add("chatwarden.store.index-prefix", () -> "cw-security-" + Long.toHexString(System.nanoTime()));
	}

	@LocalServerPort
	int port;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	Indices indices;

	WebTestClient http;

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	HttpGraphQlTester graphQl(String token) {
		return HttpGraphQlTester.create(this.http.mutate()
			.baseUrl("http://127.0.0.1:" + this.port + "/graphql")
			.defaultHeader("Authorization", "Bearer " + token)
			.build());
	}

	String createToken(String name, Role role) {
		return graphQl(BOOTSTRAP).document(
				"mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { value token { id role } } }")
			.variable("input", Map.of("name", name, "role", role.name()))
			.execute()
			.path("createApiToken.value")
			.entity(String.class)
			.get();
	}

	@Test
	void shouldRefuseEveryDataEndpointWithoutAToken() {
		this.http.post()
			.uri("/graphql")
			.bodyValue(Map.of("query", "{ syncStatus { running } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer");
		this.http.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
		this.http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer not-a-token")
			.bodyValue(Map.of("query", "{ syncStatus { running } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void shouldLeaveProbesOpen() {
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void shouldNotLetAnInvestigatorMintTokens() {
		String investigator = createToken("alice", Role.INVESTIGATOR);
		graphQl(investigator).document("{ viewer { name role } }")
			.execute()
			.path("viewer.role")
			.entity(String.class)
			.isEqualTo("INVESTIGATOR");
		graphQl(investigator).document("mutation { createApiToken(input: {name: \"x\", role: \"ADMIN\"}) { value } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN)));
		graphQl(investigator).document("mutation { startSync { running } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN)));
	}

	@Test
	void shouldStopARevokedTokenAtOnce() {
		String viewer = createToken("bob", Role.VIEWER);
		graphQl(viewer).document("{ viewer { name } }")
			.execute()
			.path("viewer.name")
			.entity(String.class)
			.isEqualTo("bob");
		String id = graphQl(BOOTSTRAP).document("{ apiTokens { id name } }")
			.execute()
			.path("apiTokens[?(@.name == 'bob')].id")
			.entityList(String.class)
			.get()
			.get(0);
		graphQl(BOOTSTRAP).document("mutation($id: ID!) { revokeApiToken(input: {id: $id}) { revokedAt } }")
			.variable("id", id)
			.execute()
			.path("revokeApiToken.revokedAt")
			.hasValue();
		this.http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + viewer)
			.bodyValue(Map.of("query", "{ viewer { name } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void shouldAuditEachTokenChangeAndConversationViewExactlyOnce() {
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		String viewer = createToken("carol", Role.VIEWER);
		graphQl(viewer).document("{ conversation(id: \"audit-probe-1\") { id } }")
			.execute()
			.path("conversation")
			.valueIsNull();
		assertThat(counts.count("audit",
				Query.of(q -> q.term(t -> t.field("target").value(FieldValue.of("audit-probe-1"))))))
			.isEqualTo(1);
		var entries = graphQl(BOOTSTRAP).document(
				"{ auditLog(filter: {action: \"conversation.view\", actor: \"carol\"}) { totalCount edges { node { actor role target resultCount } } } }")
			.execute();
		entries.path("auditLog.totalCount").entity(Integer.class).isEqualTo(1);
		entries.path("auditLog.edges[0].node.role").entity(String.class).isEqualTo("VIEWER");
		entries.path("auditLog.edges[0].node.resultCount").entity(Integer.class).isEqualTo(0);
		graphQl(viewer).document("{ auditLog { totalCount } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getErrorType()).isEqualTo(ErrorType.FORBIDDEN)));
	}

	@Test
	void shouldLetOnlyInvestigatorsExportAndAuditEachExportOnce() {
		String viewer = createToken("erin", Role.VIEWER);
		String investigator = createToken("frank", Role.INVESTIGATOR);
		this.http.get()
			.uri("/api/export/search?query=anything&format=csv")
			.header("Authorization", "Bearer " + viewer)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.get()
			.uri("/api/export/search?query=anything&format=ndjson")
			.header("Authorization", "Bearer " + investigator)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class);
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		assertThat(counts.count("audit",
				Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("action").value(FieldValue.of("export"))))
					.filter(f -> f.term(t -> t.field("actor").value(FieldValue.of("frank"))))))))
			.isEqualTo(1);
		assertThat(counts.count("audit", Query.of(q -> q.term(t -> t.field("actor").value(FieldValue.of("erin"))))))
			.isZero();
	}

	@Test
	void shouldAuditEachSearchAndTokenChangeExactlyOnce() {
		IndexCounts counts = new IndexCounts(this.client, this.indices);
		String investigator = createToken("gina", Role.INVESTIGATOR);
		graphQl(investigator).document("{ searchConversations(query: \"audit probe phrase\") { totalCount } }")
			.execute()
			.path("searchConversations.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
		assertThat(counts.count("audit",
				Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("action").value(FieldValue.of("search"))))
					.filter(f -> f.term(t -> t.field("actor").value(FieldValue.of("gina"))))))))
			.isEqualTo(1);
		String id = graphQl(BOOTSTRAP).document("{ apiTokens { id name } }")
			.execute()
			.path("apiTokens[?(@.name == 'gina')].id")
			.entityList(String.class)
			.get()
			.get(0);
		graphQl(BOOTSTRAP).document("mutation($id: ID!) { revokeApiToken(input: {id: $id}) { id } }")
			.variable("id", id)
			.execute()
			.path("revokeApiToken.id")
			.entity(String.class)
			.isEqualTo(id);
		for (String action : List.of("token.create", "token.revoke")) {
			assertThat(counts.count("audit",
					Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("action").value(FieldValue.of(action))))
						.filter(f -> f.term(t -> t.field("target").value(FieldValue.of(id))))))))
				.as(action)
				.isEqualTo(1);
		}
	}

	@Test
	void shouldNeverShowConfiguredSecrets(CapturedOutput output) {
		createToken("dave", Role.ADMIN);
		for (String path : List.of("/actuator/env", "/actuator/configprops")) {
			this.http.get()
				.uri(path)
				.header("Authorization", "Bearer " + BOOTSTRAP)
				.exchange()
				.expectStatus()
				.isNotFound();
		}
		String tokens = graphQl(BOOTSTRAP).document("{ apiTokens { id name role } viewer { name } }")
			.execute()
			.returnResponse()
			.toString();
		assertThat(tokens).doesNotContain(BOOTSTRAP).doesNotContain("cwt_");
		assertThat(output.getAll()).doesNotContain(BOOTSTRAP, OPENAI_KEY, OPENSEARCH_PASSWORD);
		String everything = this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(everything).doesNotContain(OPENAI_KEY);
		assertThat(AuditLog.class).isNotNull();
	}

	/**
	 * The review forged an ADMIN token by writing one document into the api-tokens index,
	 * as any local process reaching the embedded node can. Without the app's key its seal
	 * is wrong, and the token is refused; a copy of a real token's seal does not fit
	 * another token either.
	 */
	@Test
	void shouldRefuseATokenWrittenStraightIntoTheIndex() throws Exception {
		createToken("real", Role.VIEWER);
		String sealOfAnother = this.client
			.search(s -> s.index(this.indices.alias(TokenStore.INDEX)).size(1), ApiToken.class)
			.get()
			.hits()
			.hits()
			.get(0)
			.source()
			.seal();
		String value = "cwt_forged-by-a-local-process";
		for (String seal : java.util.Arrays.asList(null, sealOfAnother)) {
			ApiToken forged = new ApiToken("tok_forged", "mallory", Role.ADMIN, TokenService.hash(value),
					java.time.Instant.now(), "bootstrap-admin", null, null, seal);
			this.client
				.index(i -> i.index(this.indices.alias(TokenStore.INDEX))
					.id(forged.hash())
					.document(forged)
					.refresh(org.opensearch.client.opensearch._types.Refresh.True))
				.get();
			this.http.post()
				.uri("/graphql")
				.header("Authorization", "Bearer " + value)
				.bodyValue(Map.of("query", "{ viewer { name role } }"))
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
	}

}
