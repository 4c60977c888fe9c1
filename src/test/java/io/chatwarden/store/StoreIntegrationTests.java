package io.chatwarden.store;

import java.util.List;
import java.util.Map;

import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-store", "chatwarden.sync.enabled=false" })
class StoreIntegrationTests extends OpenSearchTest {

	@Autowired
	Indices indices;

	@Autowired
	BulkWriter bulkWriter;

	@Autowired
	RawRequests raw;

	@Autowired
	OpenSearchAsyncClient client;

	@Autowired
	IndexInstaller installer;

	@Test
	void shouldInstallEveryIndexBehindAVersionedAlias() {
		String aliases = this.raw.send("GET", "/_alias/cw-store-*", null).block().orFail("aliases").body();
		for (String name : List.of("conversations", "messages", "gpts", "users", "admin-keys", "projects",
				"project-keys", "org-users", "invites", "sync-state", "dead-letters")) {
			assertThat(aliases).contains("\"cw-store-" + name + "-v");
		}
		// Dead letters gained their position (where the record was read) in v2.
		assertThat(aliases).contains("\"cw-store-dead-letters-v2\"");
	}

	@Test
	void shouldUpsertByIdAndReportRejectedDocuments() throws Exception {
		String index = this.indices.users();
		var first = this.bulkWriter
			.write(List.of(new BulkWriter.BulkOp(index, "user-1", Map.of("id", "user-1", "email", "a@x.io")),
					new BulkWriter.BulkOp(index, "user-2", Map.of("id", "user-2", "notAField", "x"))))
			.block();
		assertThat(first.succeeded()).isEqualTo(1);
		assertThat(first.failures()).singleElement()
			.satisfies(failure -> assertThat(failure.reason()).contains("strict_dynamic_mapping_exception"));
		this.bulkWriter
			.write(List.of(new BulkWriter.BulkOp(index, "user-1", Map.of("id", "user-1", "email", "b@x.io"))))
			.block();
		this.client.indices().refresh(r -> r.index(index)).get();
		var hits = this.client.search(s -> s.index(index), Map.class).get().hits();
		assertThat(hits.total().value()).isEqualTo(1);
		assertThat(hits.hits().get(0).source()).containsEntry("email", "b@x.io");
	}

	@Test
	void shouldMigrateToANewVersionWithoutLosingDocuments() throws Exception {
		String alias = "cw-store-migration";
		this.raw.send("DELETE", "/" + alias + "-v*", null).block();
		this.raw
			.send("PUT", "/" + alias + "-v1",
					"{\"aliases\":{\"" + alias + "\":{}},\"mappings\":{\"properties\":{\"a\":{\"type\":\"keyword\"}}}}")
			.block()
			.orFail("create v1");
		this.raw.send("PUT", "/" + alias + "/_doc/1?refresh=true", "{\"a\":\"kept\"}").block().orFail("doc");
		var definition = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
			.readTree("{\"version\":2,\"settings\":{},\"mappings\":{\"properties\":{\"a\":{\"type\":\"keyword\"},"
					+ "\"b\":{\"type\":\"keyword\"}}}}");
		this.installer.install(alias, definition);
		String behind = this.raw.send("GET", "/_alias/" + alias, null).block().body();
		assertThat(behind).contains(alias + "-v2").doesNotContain(alias + "-v1\"");
		String doc = this.raw.send("GET", "/" + alias + "/_doc/1", null).block().body();
		assertThat(doc).contains("kept");
	}

}
