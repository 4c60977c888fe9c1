package io.chatwarden.files;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatwarden.simulator.PlantedFiles;
import io.chatwarden.support.SimulatedCopyTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.FieldValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Knowledge files and attachments of the simulator's workspace fetched from its signed
 * storage, extracted, searched and scanned: real PDF, DOCX and XLSX text, the planted
 * secret's finding and its pivot, and the expired, oversized and corrupt files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-files", "chatwarden.files.max-file-size=1MB" })
@AutoConfigureHttpGraphQlTester
class FilesIntegrationTests extends SimulatedCopyTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	HttpGraphQlTester graphQl;

	@Autowired
	FileFetcher fetcher;

	FileRun firstRun;

	long bearerAttemptsBefore;

	long downloadsBefore;

	@BeforeAll
	void fetchTheFiles() {
		this.counts.clear(FileGateway.INDEX);
		this.bearerAttemptsBefore = simulator.storage().bearerAttempts();
		this.downloadsBefore = simulator.storage().downloads();
		// The first redirect is read too late: the fetcher must ask the API again.
		simulator.faults().staleFileUrls(1);
		this.firstRun = this.fetcher.run().block(Duration.ofMinutes(3));
		this.graphQl.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofMinutes(2)))
			.build()
			.document("mutation { evaluateFindings { id } }")
			.execute();
	}

	@Test
	void shouldMakeTheTextOfRealPdfDocxAndXlsxFilesSearchableWithHighlights() {
		assertThat(onlyHit(PlantedFiles.RUNBOOK_PHRASE)).containsEntry("id", PlantedFiles.RUNBOOK_PDF)
			.containsEntry("contentType", "application/pdf");
		assertThat(onlyHit(PlantedFiles.PLAYBOOK_PHRASE)).containsEntry("id", PlantedFiles.PLAYBOOK_DOCX);
		assertThat(onlyHit(PlantedFiles.FORECAST_PHRASE)).containsEntry("id", PlantedFiles.FORECAST_XLSX)
			.containsEntry("contentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		List<String> highlights = this.graphQl
			.document("query($q: String!) { searchFiles(query: $q) { edges { highlights } } }")
			.variable("q", "\"" + PlantedFiles.PLAYBOOK_PHRASE + "\"")
			.execute()
			.path("searchFiles.edges[0].highlights")
			.entityList(String.class)
			.get();
		assertThat(highlights).anySatisfy(h -> assertThat(h).contains("<mark>tangerine</mark>"));
	}

	private Map<String, Object> onlyHit(String phrase) {
		// language=GraphQL
		String query = """
				query($q: String!) { searchFiles(query: $q) { totalCount edges { highlights
				    node { id kind contentStatus contentType gpt { id } } } } }""";
		var response = this.graphQl.document(query).variable("q", "\"" + phrase + "\"").execute();
		response.path("searchFiles.totalCount").entity(Integer.class).isEqualTo(1);
		response.path("searchFiles.edges[0].highlights[0]")
			.entity(String.class)
			.satisfies(h -> assertThat(h).contains("<mark>"));
		Map<String, Object> node = response.path("searchFiles.edges[0].node").entity(MAP).get();
		assertThat(node).containsEntry("kind", "knowledge").containsEntry("contentStatus", "INDEXED");
		assertThat(node.get("gpt")).isNotNull();
		return node;
	}

	@Test
	void shouldRaiseADlpFindingOnThePdfSecretThatPivotsToItsGpt() throws Exception {
		// language=GraphQL
		String query = """
				query($id: ID!) { findings(filter: {resourceId: $id}) { totalCount edges { node { typeId resourceType
				    resourceName file { id gpt { id conversationCount } }
				    relatedConversations(first: 100) { totalCount } } } } }""";
		var response = this.graphQl.document(query).variable("id", PlantedFiles.RUNBOOK_PDF).execute();
		response.path("findings.totalCount").entity(Integer.class).isEqualTo(1);
		Map<String, Object> finding = response.path("findings.edges[0].node").entity(MAP).get();
		assertThat(finding).containsEntry("typeId", "dlp-aws-access-key")
			.containsEntry("resourceType", "file")
			.containsEntry("resourceName", "vendor-runbook.pdf");
		Map<?, ?> gpt = (Map<?, ?>) ((Map<?, ?>) finding.get("file")).get("gpt");
		String gptId = (String) gpt.get("id");
		assertThat(this.graphQl.document("query($id: ID!) { gpt(id: $id) { knowledgeFiles { id } } }")
			.variable("id", gptId)
			.execute()
			.path("gpt.knowledgeFiles[*].id")
			.entityList(String.class)
			.get()).contains(PlantedFiles.RUNBOOK_PDF);
		// The pivot leads to the conversations that used the file's GPT.
		assertThat(((Map<?, ?>) finding.get("relatedConversations")).get("totalCount"))
			.isEqualTo(gpt.get("conversationCount"));
		// The raw value is nowhere in the index: only its masked preview and hash.
		var stored = this.client
			.get(g -> g.index(this.indices.alias(FileGateway.INDEX)).id(PlantedFiles.RUNBOOK_PDF), Map.class)
			.get();
		assertThat(stored.source().toString()).doesNotContain(PlantedFiles.RUNBOOK_SECRET).contains("aws-access-key");
		this.graphQl.document("query($q: String!) { searchFiles(query: $q) { totalCount } }")
			.variable("q", PlantedFiles.RUNBOOK_SECRET)
			.execute()
			.path("searchFiles.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void shouldRecordExpiredOversizedAndCorruptFilesWithTheirReasonAndGoOn() throws Exception {
		Map<String, Map<String, Object>> files = knowledgeFiles(PlantedFiles.EXPIRED_PDF);
		assertThat(files.get(PlantedFiles.EXPIRED_PDF)).containsEntry("contentStatus", "EXPIRED");
		assertThat((String) files.get(PlantedFiles.EXPIRED_PDF).get("contentReason")).contains("410");
		assertThat(files.get(PlantedFiles.OVERSIZED_PDF)).containsEntry("contentStatus", "TOO_LARGE");
		assertThat((String) files.get(PlantedFiles.OVERSIZED_PDF).get("contentReason"))
			.contains("chatwarden.files.max-file-size");
		assertThat(files.get(PlantedFiles.CORRUPT_PDF)).containsEntry("contentStatus", "FAILED");
		assertThat((String) files.get(PlantedFiles.CORRUPT_PDF).get("contentReason")).isNotBlank();
		// The rest went on: every other file has its final status, the stale URL
		// included.
		assertThat(statusCount("PENDING")).isZero();
		assertThat(statusCount("FAILED")).isEqualTo(1);
		assertThat(this.firstRun.indexed()).isGreaterThan(3);
		assertThat(statusCount("UNSUPPORTED")).as("uploaded screenshots").isPositive();
	}

	private Map<String, Map<String, Object>> knowledgeFiles(String anyFileId) throws Exception {
		String gptId = this.client
			.get(g -> g.index(this.indices.alias(FileGateway.INDEX)).id(anyFileId), StoredFileDocument.class)
			.get()
			.source()
			.gptId();
		List<Map<String, Object>> files = this.graphQl
			.document("query($id: ID!) { gpt(id: $id) { knowledgeFiles { id contentStatus contentReason } } }")
			.variable("id", gptId)
			.execute()
			.path("gpt.knowledgeFiles")
			.entityList(MAP)
			.get();
		Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
		files.forEach(file -> byId.put((String) file.get("id"), file));
		return byId;
	}

	private long statusCount(String status) throws RuntimeException {
		try {
			return this.client
				.count(c -> c.index(this.indices.alias(FileGateway.INDEX))
					.query(q -> q.term(t -> t.field("contentStatus").value(FieldValue.of(status)))))
				.get()
				.count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void shouldLinkAttachmentsToTheirConversationAndUploader() {
		// language=GraphQL
		String query = """
				{ searchFiles(query: "reference", first: 100) { edges { node { id kind userEmail contentStatus
				    conversation { id userEmail } } } } }""";
		List<Map<String, Object>> nodes = this.graphQl.document(query)
			.execute()
			.path("searchFiles.edges[*].node")
			.entityList(MAP)
			.get();
		List<Map<String, Object>> attachments = nodes.stream().filter(n -> "attachment".equals(n.get("kind"))).toList();
		assertThat(attachments).isNotEmpty().allSatisfy(node -> {
			Map<?, ?> conversation = (Map<?, ?>) node.get("conversation");
			assertThat(conversation).isNotNull();
			assertThat(conversation.get("userEmail")).isEqualTo(node.get("userEmail"));
		});
	}

	@Test
	void shouldNeverSendTheApiKeyToTheStorageHost() {
		assertThat(simulator.storage().downloads() - this.downloadsBefore).isPositive();
		assertThat(simulator.storage().bearerAttempts()).isEqualTo(this.bearerAttemptsBefore).isZero();
	}

	@Test
	void shouldFetchOnlyWhatChangedOnTheNextRun() {
		FileRun again = this.fetcher.run().block(Duration.ofMinutes(1));
		assertThat(again.listed()).isEqualTo(this.firstRun.listed());
		assertThat(again.fetched()).isZero();
	}

	@Test
	void shouldTakeAnyQueryTextWithoutFailing() {
		for (String text : List.of("text:((( OR ]", "\"unclosed", "-", "gpt:nope user:x@y OR")) {
			this.graphQl.document("query($q: String!) { searchFiles(query: $q) { totalCount } }")
				.variable("q", text)
				.execute()
				.errors()
				.verify();
		}
	}

}
