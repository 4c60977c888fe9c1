package io.chatwarden.openai;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link ComplianceProperties} and {@link AdminProperties}. */
class OpenAiPropertiesTests {

	private static <T> T bind(Class<T> type, String prefix, Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
	}

	@Test
	void shouldBindComplianceDefaults() {
		ComplianceProperties properties = bind(ComplianceProperties.class, "chatwarden.openai.compliance", Map.of());
		assertThat(properties.baseUrl()).isEqualTo("https://api.chatgpt.com/v1");
		assertThat(properties.apiKey()).isNull();
		assertThat(properties.workspaceId()).isNull();
		assertThat(properties.configured()).isFalse();
		assertThat(properties.conversationPageSize()).isEqualTo(100);
		assertThat(properties.userPageSize()).isEqualTo(200);
		assertThat(properties.gptPageSize()).isEqualTo(20);
		assertThat(properties.listCallsPerMinute()).isEqualTo(50);
		assertThat(properties.itemCallsPerMinute()).isEqualTo(100);
		assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.maxAttempts()).isEqualTo(6);
		assertThat(properties.minBackoff()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.maxResponseSize()).isEqualTo(DataSize.ofMegabytes(64));
	}

	@Test
	void shouldBindAdminDefaults() {
		AdminProperties properties = bind(AdminProperties.class, "chatwarden.openai.admin", Map.of());
		assertThat(properties.baseUrl()).isEqualTo("https://api.openai.com/v1");
		assertThat(properties.pageSize()).isEqualTo(100);
		assertThat(properties.listCallsPerMinute()).isEqualTo(50);
		assertThat(properties.maxAttempts()).isEqualTo(6);
		assertThat(properties.configured()).isFalse();
	}

	@Test
	void shouldNeverPrintTheKey() {
		ComplianceProperties compliance = bind(ComplianceProperties.class, "chatwarden.openai.compliance",
				Map.of("chatwarden.openai.compliance.api-key", "sk-proj-SECRET",
						"chatwarden.openai.compliance.workspace-id", "11bf645e-1111-2222-3333-444455556666"));
		assertThat(compliance.configured()).isTrue();
		assertThat(compliance.toString()).contains("apiKey=***")
			.contains("workspaceId=11bf645e-1111-2222-3333-444455556666")
			.doesNotContain("SECRET");
		AdminProperties admin = bind(AdminProperties.class, "chatwarden.openai.admin",
				Map.of("chatwarden.openai.admin.api-key", "sk-admin-SECRET"));
		assertThat(admin.toString()).contains("apiKey=***").doesNotContain("SECRET");
		assertThat(bind(AdminProperties.class, "chatwarden.openai.admin", Map.of()).toString())
			.contains("apiKey=<not set>");
	}

	@Test
	void shouldAcceptWorkspaceIdsThatAreNotUuids() {
		for (String id : new String[] { "org-AbC123", "11bf645e-1111-2222-3333-444455556666", "ws_1.2" }) {
			assertThat(bind(ComplianceProperties.class, "chatwarden.openai.compliance",
					Map.of("chatwarden.openai.compliance.workspace-id", id))
				.workspaceId()).isEqualTo(id);
		}
	}

	@Test
	void shouldRejectWorkspaceIdsThatWouldChangeTheUrl() {
		Map<String, String> expected = Map.of(" ", "is blank", "a b", "must not contain whitespace", "a/b",
				"must not contain '/'", "a?b", "must not contain '?'", "a#b", "must not contain '#'", "a..b",
				"must not contain '..'");
		expected.forEach((id, reason) -> assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(ComplianceProperties.class, "chatwarden.openai.compliance",
					Map.of("chatwarden.openai.compliance.workspace-id", id)))
			.havingRootCause()
			.withMessageContaining("chatwarden.openai.compliance.workspace-id " + reason));
	}

	@Test
	void shouldRejectPageSizeAboveTheApiMaximum() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(ComplianceProperties.class, "chatwarden.openai.compliance",
					Map.of("chatwarden.openai.compliance.conversation-page-size", "501")))
			.havingRootCause()
			.withMessage("chatwarden.openai.compliance.conversation-page-size must be between 1 and 500, not 501");
	}

}
