package io.chatwarden.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chatwarden.simulator.PlantedSecret.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedWorkspaceTests {

	private final SimulatedWorkspace workspace = SimTestSupport.workspace();

	private List<ObjectNode> all(SimulatedWorkspace ws) {
		List<ObjectNode> result = new ArrayList<>();
		for (int i = 0; i < ws.conversationCount(); i++) {
			result.add(ws.render(i, true));
		}
		return result;
	}

	private static String text(JsonNode conversation) {
		StringBuilder sb = new StringBuilder(conversation.get("title").asString());
		for (JsonNode m : conversation.get("messages").get("data")) {
			JsonNode content = m.get("content");
			if (content.isObject()) {
				sb.append('\n').append(content.get("value").asString());
			}
		}
		return sb.toString();
	}

	@Test
	void sameSeedSameWorkspaceOtherSeedOther() {
		SimulatedWorkspace again = SimTestSupport.workspace();
		SimulatedWorkspace other = new SimulatedWorkspace(SimTestSupport.props().withSeed(7), SimTestSupport.CLOCK);
		assertThat(again.userIds()).isEqualTo(this.workspace.userIds());
		assertThat(again.gptIds()).isEqualTo(this.workspace.gptIds());
		for (int i : new int[] { 0, 1, 57, 399 }) {
			assertThat(Json.bytes(again.render(i, true))).isEqualTo(Json.bytes(this.workspace.render(i, true)));
			assertThat(other.conversationId(i)).isNotEqualTo(this.workspace.conversationId(i));
		}
		assertThat(again.plantedSecrets()).isEqualTo(this.workspace.plantedSecrets());
		assertThat(other.userIds()).isNotEqualTo(this.workspace.userIds());
	}

	@Test
	void conversationIdsAreUuidShapedAndMapBackToTheirIndex() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < this.workspace.conversationCount(); i++) {
			String id = this.workspace.conversationId(i);
			assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
			assertThat(this.workspace.conversationIndex(id)).hasValue(i);
			assertThat(seen.add(id)).isTrue();
		}
		assertThat(this.workspace.conversationIndex("00000000-0000-4000-8000-000000000000")).isEmpty();
		assertThat(this.workspace.conversationIndex("nope")).isEmpty();
	}

	@Test
	void expectedMessageCountMatchesWhatIsRendered() {
		long messages = all(this.workspace).stream().mapToLong((c) -> c.get("messages").get("data").size()).sum();
		ExpectedCounts counts = this.workspace.expectedCounts();
		assertThat(counts.messages()).isEqualTo(messages);
		assertThat(messages / (double) counts.conversations()).isBetween(7.0, 9.0);
		assertThat(counts).isEqualTo(new ExpectedCounts(60, 24, 400, messages, 6, 4, 12, 10, 6));
	}

	@Test
	void contentCoversEveryShapeTheApiServes() {
		Map<String, Integer> roles = new HashMap<>();
		Set<String> tools = new HashSet<>();
		int nullToolContent = 0;
		int gptMessages = 0;
		int files = 0;
		int citations = 0;
		int branches = 0;
		Set<String> titles = new HashSet<>();
		for (ObjectNode c : all(this.workspace)) {
			titles.add(c.get("title").asString());
			Set<String> parents = new HashSet<>();
			JsonNode first = c.get("messages").get("data").get(0);
			assertThat(first.get("author").get("role").asString()).isEqualTo("system");
			assertThat(first.get("created_at").isNull()).isTrue();
			assertThat(first.get("content").isNull()).isTrue();
			for (JsonNode m : c.get("messages").get("data")) {
				String role = m.get("author").get("role").asString();
				roles.merge(role, 1, Integer::sum);
				if ("tool".equals(role)) {
					tools.add(m.get("author").get("tool_name").asString());
					nullToolContent += m.get("content").isNull() ? 1 : 0;
				}
				gptMessages += m.get("gpt_id").isNull() ? 0 : 1;
				files += m.get("files").get("data").size();
				if (m.get("content").isObject() && !m.get("content").get("annotations").isEmpty()) {
					assertThat(m.get("content").get("annotations").get(0).get("type").asString())
						.isEqualTo("url_citation");
					citations++;
				}
				if (!m.get("parent_id").isNull() && !parents.add(m.get("parent_id").asString())) {
					branches++;
				}
			}
		}
		assertThat(roles.keySet()).containsExactlyInAnyOrder("system", "user", "assistant", "tool");
		assertThat(tools).containsExactlyInAnyOrder("python", "browser", "dalle", "myfiles_browser");
		assertThat(nullToolContent).isPositive();
		assertThat(gptMessages).isPositive();
		assertThat(files).isPositive();
		assertThat(citations).isPositive();
		assertThat(branches).isPositive();
		assertThat(titles.size()).isGreaterThan(40);
	}

	@Test
	void usersAndGptsCoverEveryRoleStatusToolAndVisibility() {
		List<SimUser> users = this.workspace.directory.users;
		assertThat(users).extracting(SimUser::role).contains("account-owner", "account-admin", "standard-user");
		assertThat(users).extracting(SimUser::status).contains("active", "inactive");
		assertThat(users).allMatch((u) -> u.email().endsWith("@acme.example"));
		assertThat(this.workspace.dormantUserIds()).isNotEmpty();
		Set<String> tools = new HashSet<>();
		Set<String> auth = new HashSet<>();
		Set<String> visibility = new HashSet<>();
		boolean external = false;
		boolean unknownOwner = false;
		boolean inactiveOwner = false;
		boolean knowledge = false;
		Set<String> userIds = new HashSet<>(this.workspace.userIds());
		for (String id : this.workspace.gptIds()) {
			GptState g = this.workspace.gpt(id);
			visibility.add(g.visibility());
			g.latest().tools().forEach((t) -> {
				tools.add(t.type());
				if (t.authType() != null) {
					auth.add(t.authType());
				}
			});
			external |= g.recipients.stream().anyMatch((r) -> !r.email().endsWith("@acme.example"));
			unknownOwner |= !userIds.contains(g.ownerId);
			inactiveOwner |= users.stream().anyMatch((u) -> u.id().equals(g.ownerId) && !u.active());
			knowledge |= !g.latest().files().isEmpty();
		}
		assertThat(tools).contains("code_interpreter", "browser", "dall-e", "memory", "custom_action", "canvas");
		assertThat(auth).contains("none", "oauth", "api_key");
		assertThat(visibility).containsExactlyInAnyOrderElementsOf(WorkspaceDirectory.VISIBILITIES);
		assertThat(external).isTrue();
		assertThat(unknownOwner).isTrue();
		assertThat(inactiveOwner).isTrue();
		assertThat(knowledge).isTrue();
	}

	@Test
	void plantedSecretsSitInTheirMessagesAndAreLabelledRight() {
		List<PlantedSecret> secrets = this.workspace.plantedSecrets();
		assertThat(secrets).extracting(PlantedSecret::kind).containsAll(List.of(Kind.values()));
		for (PlantedSecret s : secrets) {
			int index = this.workspace.conversationIndex(s.conversationId()).orElseThrow();
			assertThat(index).isLessThan(60);
			JsonNode message = null;
			for (JsonNode m : this.workspace.render(index, true).get("messages").get("data")) {
				if (m.get("id").asString().equals(s.messageId())) {
					message = m;
				}
			}
			assertThat(message).as(s.kind().name()).isNotNull();
			assertThat(message.get("content").get("value").asString()).contains(s.value());
			switch (s.kind()) {
				case OPENAI_KEY -> assertThat(s.value()).startsWith("sk-proj-").contains("T3BlbkFJ");
				case AWS_ACCESS_KEY ->
					assertThat(s.value()).matches("AKIA[A-Z0-9]{16}").isNotEqualTo("AKIAIOSFODNN7EXAMPLE");
				case AWS_EXAMPLE_KEY -> assertThat(s.value()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
				case PRIVATE_KEY -> assertThat(s.value()).startsWith("-----BEGIN").endsWith("PRIVATE KEY-----");
				case JWT -> assertThat(s.value()).matches("eyJ[\\w-]+\\.eyJ[\\w-]+\\.[\\w-]+");
				case CARD_VALID -> assertThat(SimTestSupport.luhnValid(s.value())).isTrue();
				case CARD_INVALID -> assertThat(SimTestSupport.luhnValid(s.value())).isFalse();
				case SSN_VALID -> assertThat(s.value()).matches("(?!000|666|9)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}");
				case SSN_INVALID -> assertThat(s.value()).matches("(000|666)-\\d{2}-\\d{4}");
				case IBAN_VALID -> assertThat(SimTestSupport.ibanValid(s.value())).isTrue();
				case IBAN_INVALID -> assertThat(SimTestSupport.ibanValid(s.value())).isFalse();
				case EMAIL -> assertThat(s.value()).contains("@");
				case PHONE -> assertThat(s.value()).matches("[+()\\d][\\d ()-]+");
			}
		}
		List<PlantedSecret> openAi = secrets.stream().filter((s) -> s.kind() == Kind.OPENAI_KEY).toList();
		assertThat(openAi).hasSize(2);
		assertThat(openAi.get(0).value()).isEqualTo(openAi.get(1).value());
		assertThat(openAi.get(0).conversationId()).isNotEqualTo(openAi.get(1).conversationId());
	}

	@Test
	void needlesAreExactlyWhereTheySay() {
		List<ObjectNode> conversations = all(this.workspace);
		List<Needle> needles = this.workspace.needles();
		assertThat(needles).hasSizeGreaterThanOrEqualTo(4);
		for (Needle needle : needles) {
			List<String> holders = conversations.stream()
				.filter((c) -> text(c).toLowerCase().contains(needle.phrase()))
				.map((c) -> c.get("id").asString())
				.toList();
			assertThat(holders).containsExactlyInAnyOrderElementsOf(needle.conversationIds());
			for (String scattered : needle.scatteredIn()) {
				String t = text(conversations.get(this.workspace.conversationIndex(scattered).orElseThrow()))
					.toLowerCase();
				for (String word : needle.phrase().split(" ")) {
					assertThat(t).contains(word);
				}
			}
		}
		assertThat(needles).anyMatch((n) -> !n.scatteredIn().isEmpty());
		assertThat(needles).anyMatch((n) -> n.conversationIds().size() > 1);
	}

	@Test
	void largeWorkspaceIsInstantAndServesDeepPagesLazily() {
		long start = System.nanoTime();
		SimulatedWorkspace big = new SimulatedWorkspace(SimTestSupport.props().withConversations(200_000),
				SimTestSupport.CLOCK);
		int deep = 150_000;
		String cursor = big.conversationId(deep);
		var page = big.listConversations(null, big.conversationIndex(cursor).orElseThrow(), 50, 50, Set.of(), Set.of());
		assertThat(page.items()).extracting(ConversationPlan::index).first().isEqualTo(deep + 1);
		assertThat(page.items()).hasSize(50);
		assertThat(page.hasMore()).isTrue();
		assertThat(big.render(deep + 1, true).get("messages").get("data").size()).isGreaterThanOrEqualTo(3);
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
		// A users filter that matches nothing walks every plan, still without any text.
		long scan = System.nanoTime();
		assertThat(big.listConversations(null, -1, 50, 50, Set.of("user-nobody"), Set.of()).items()).isEmpty();
		assertThat((System.nanoTime() - scan) / 1_000_000).isLessThan(5_000);
	}

}
