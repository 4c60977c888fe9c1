package io.chatwarden.simulator;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AdminApiTests {

	private final SimulatorServer server = SimulatorServer.start(SimTestSupport.workspace(), new SimulatorFaults());

	private final WebTestClient client = SimTestSupport.client(this.server.adminBaseUrl());

	private final long now = SimTestSupport.NOW.getEpochSecond();

	@AfterEach
	void close() {
		this.server.close();
	}

	private List<JsonNode> all(String uri) {
		List<JsonNode> items = new java.util.ArrayList<>();
		for (JsonNode page : SimTestSupport.allPages(this.client, uri)) {
			assertThat(page.get("object").asString()).isEqualTo("list");
			assertThat(page.has("first_id")).isTrue();
			if (!page.get("data").isEmpty()) {
				assertThat(page.get("first_id").asString()).isEqualTo(page.get("data").get(0).get("id").asString());
			}
			page.get("data").forEach(items::add);
		}
		return items;
	}

	private long daysAgo(JsonNode node, String field) {
		return (this.now - node.get(field).asLong()) / 86_400;
	}

	@Test
	void adminKeysCoverRotationAndUsageCases() {
		List<JsonNode> keys = all("/organization/admin_api_keys?limit=2");
		assertThat(keys).hasSize(6);
		assertThat(keys).allMatch((k) -> k.get("object").asString().equals("organization.admin_api_key"));
		assertThat(keys).anyMatch((k) -> daysAgo(k, "created_at") > 90);
		assertThat(keys).anyMatch((k) -> k.get("last_used_at").isNull());
		assertThat(keys).anyMatch((k) -> !k.get("last_used_at").isNull() && daysAgo(k, "last_used_at") == 29);
		assertThat(keys).anyMatch((k) -> !k.get("last_used_at").isNull() && daysAgo(k, "last_used_at") == 31);
		assertThat(keys).anyMatch((k) -> !k.get("expires_at").isNull());
		List<Long> created = keys.stream().map((k) -> k.get("created_at").asLong()).toList();
		assertThat(created).isSorted();
		List<JsonNode> desc = all("/organization/admin_api_keys?order=desc");
		assertThat(desc.get(0).get("id").asString()).isEqualTo(keys.get(keys.size() - 1).get("id").asString());
	}

	@Test
	void projectsHideArchivedUnlessAskedAndKeysHaveBothOwnerTypes() {
		assertThat(all("/organization/projects")).hasSize(3);
		List<JsonNode> projects = all("/organization/projects?include_archived=true&limit=1");
		assertThat(projects).hasSize(4).anyMatch((p) -> p.get("status").asString().equals("archived"));
		int keyCount = 0;
		int visible = 0;
		java.util.Set<String> ownerTypes = new java.util.HashSet<>();
		java.util.Set<String> access = new java.util.HashSet<>();
		for (JsonNode p : projects) {
			String path = "/organization/projects/" + p.get("id").asString() + "/api_keys";
			List<JsonNode> keys = all(path + "?owner_project_access=any");
			keyCount += keys.size();
			keys.forEach((k) -> ownerTypes.add(k.get("owner").get("type").asString()));
			keys.forEach((k) -> access.add(k.get("owner_project_access").asString()));
			// Without the parameter, keys whose owner lost access are hidden.
			List<JsonNode> membership = all(path);
			assertThat(membership).allMatch((k) -> k.get("owner_project_access").asString().equals("active"));
			visible += membership.size();
		}
		assertThat(keyCount).isEqualTo(this.server.workspace().expectedCounts().projectKeys());
		assertThat(visible).isLessThan(keyCount);
		assertThat(access).containsExactlyInAnyOrder("active", "inactive");
		assertThat(ownerTypes).containsExactlyInAnyOrder("user", "service_account");
		this.client.get()
			.uri("/organization/projects/proj_nope/api_keys")
			.header("Authorization", SimTestSupport.TOKEN)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void usersAndInvites() {
		List<JsonNode> users = all("/organization/users?limit=3");
		assertThat(users).hasSize(10);
		assertThat(users).extracting((u) -> u.get("role").asString()).contains("owner", "reader");
		assertThat(users).allMatch((u) -> u.get("added_at").isIntegralNumber() && !u.has("status"));
		List<JsonNode> invites = all("/organization/invites");
		assertThat(invites).hasSize(6);
		assertThat(invites).anyMatch((i) -> i.has("invited_at") && !i.has("created_at"));
		assertThat(invites).anyMatch((i) -> i.has("created_at"));
		assertThat(invites)
			.anyMatch((i) -> "pending".equals(i.get("status").asString()) && "owner".equals(i.get("role").asString()));
		assertThat(invites).anyMatch((i) -> "pending".equals(i.get("status").asString())
				&& !i.get("expires_at").isNull() && i.get("expires_at").asLong() < this.now);
		assertThat(invites).anyMatch((i) -> "pending".equals(i.get("status").asString())
				&& daysAgo(i, i.has("created_at") ? "created_at" : "invited_at") > 7);
		assertThat(invites).anyMatch((i) -> "accepted".equals(i.get("status").asString()));
	}

	@Test
	void authAndLimits() {
		this.client.get().uri("/organization/users").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/organization/users")
			.header("Authorization", "Bearer sk-no-scope")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/organization/users?limit=101")
			.header("Authorization", SimTestSupport.TOKEN)
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

}
