package io.chatwarden.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import io.chatwarden.conversation.ConversationDocument;
import io.chatwarden.directory.AdminKeyDocument;
import io.chatwarden.directory.InviteDocument;
import io.chatwarden.directory.ProjectKeyDocument;
import io.chatwarden.directory.WorkspaceUserDocument;
import io.chatwarden.gpt.GptDocument;
import io.chatwarden.simulator.PlantedSecret;
import io.chatwarden.simulator.PlantedSecret.Kind;
import io.chatwarden.store.Indices;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;

/**
 * The findings a synced copy should give, worked out in plain Java from every document of
 * the (small) test indices: an oracle independent of the aggregation queries.
 */
final class Expectations {

	static final Map<Kind, String> DETECTOR = Map.of(Kind.OPENAI_KEY, "openai-api-key", Kind.AWS_ACCESS_KEY,
			"aws-access-key", Kind.PRIVATE_KEY, "private-key", Kind.JWT, "jwt", Kind.CARD_VALID, "credit-card",
			Kind.SSN_VALID, "us-ssn", Kind.IBAN_VALID, "iban", Kind.EMAIL, "email", Kind.PHONE, "phone");

	private final OpenSearchAsyncClient client;

	private final Indices indices;

	final Instant now = Instant.now();

	Expectations(OpenSearchAsyncClient client, Indices indices) {
		this.client = client;
		this.indices = indices;
	}

	/** Expected resource ids by type id. */
	Map<String, Set<String>> expected(List<PlantedSecret> planted) {
		Map<String, Set<String>> expected = new HashMap<>();
		List<GptDocument> gpts = all(Indices.GPTS, GptDocument.class);
		List<WorkspaceUserDocument> users = all(Indices.USERS, WorkspaceUserDocument.class);
		Set<String> domains = new HashSet<>();
		users.forEach(u -> domains.add(u.email().substring(u.email().indexOf('@') + 1)));
		Map<String, String> statusById = new HashMap<>();
		users.forEach(u -> statusById.put(u.id(), u.status()));
		for (GptDocument gpt : gpts) {
			add(expected, "gpt-custom-actions", gpt.tools().contains("custom_action"), gpt.id());
			add(expected, "gpt-code-interpreter", gpt.tools().contains("code_interpreter"), gpt.id());
			add(expected, "gpt-web-browsing", gpt.tools().contains("browser"), gpt.id());
			add(expected, "gpt-public-store", "gpt-store".equals(gpt.visibility()), gpt.id());
			add(expected, "gpt-public-link", "anyone-with-link".equals(gpt.visibility()), gpt.id());
			add(expected, "gpt-action-no-auth", gpt.customActions().stream().anyMatch(a -> "none".equals(a.authType())),
					gpt.id());
			add(expected, "gpt-owner-inactive", !"active".equals(statusById.get(gpt.ownerId())), gpt.id());
			add(expected, "gpt-shared-externally",
					gpt.recipients()
						.stream()
						.anyMatch(r -> !domains.contains(r.email().substring(r.email().indexOf('@') + 1))),
					gpt.id());
		}
		for (AdminKeyDocument key : all(Indices.ADMIN_KEYS, AdminKeyDocument.class)) {
			add(expected, "admin-key-not-rotated", olderThan(key.createdAt(), 90), key.id());
			add(expected, "admin-key-unused", key.lastUsedAt() == null || olderThan(key.lastUsedAt(), 30), key.id());
		}
		for (ProjectKeyDocument key : all(Indices.PROJECT_KEYS, ProjectKeyDocument.class)) {
			add(expected, "project-key-not-rotated", olderThan(key.createdAt(), 90), key.id());
			add(expected, "project-key-unused", key.lastUsedAt() == null || olderThan(key.lastUsedAt(), 30), key.id());
		}
		for (InviteDocument invite : all(Indices.INVITES, InviteDocument.class)) {
			boolean pending = "pending".equals(invite.status());
			add(expected, "invite-high-privilege", pending && "owner".equals(invite.role()), invite.id());
			add(expected, "invite-stale", pending && (olderThan(invite.createdAt(), 7)
					|| (invite.expiresAt() != null && invite.expiresAt().isBefore(this.now))), invite.id());
		}
		Set<String> recentlyActive = new HashSet<>();
		for (ConversationDocument conversation : all(Indices.CONVERSATIONS, ConversationDocument.class)) {
			if (!olderThan(conversation.lastActiveAt(), 30)) {
				recentlyActive.add(conversation.userId());
			}
		}
		for (WorkspaceUserDocument user : users) {
			add(expected, "user-inactive", "active".equals(user.status()) && olderThan(user.createdAt(), 30)
					&& !recentlyActive.contains(user.id()), user.id());
		}
		for (PlantedSecret secret : planted) {
			String detector = DETECTOR.get(secret.kind());
			add(expected, "dlp-" + detector, detector != null, secret.conversationId());
		}
		return expected;
	}

	Set<String> conversationsOf(Kind kind, List<PlantedSecret> planted) {
		Set<String> ids = new TreeSet<>();
		planted.stream().filter(p -> p.kind() == kind).forEach(p -> ids.add(p.conversationId()));
		return ids;
	}

	boolean olderThan(Instant instant, int days) {
		return instant.isBefore(this.now.minus(Duration.ofDays(days)));
	}

	private static void add(Map<String, Set<String>> expected, String type, boolean holds, String resourceId) {
		if (holds) {
			expected.computeIfAbsent(type, t -> new TreeSet<>()).add(resourceId);
		}
	}

	<T> List<T> all(String logical, Class<T> type) {
		try {
			return this.client.search(s -> s.index(this.indices.alias(logical)).size(10_000), type)
				.get()
				.hits()
				.hits()
				.stream()
				.map(hit -> hit.source())
				.toList();
		}
		catch (InterruptedException | ExecutionException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
