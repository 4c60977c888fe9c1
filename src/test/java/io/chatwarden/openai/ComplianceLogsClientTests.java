package io.chatwarden.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorFaults;
import io.chatwarden.simulator.SimulatorProperties;
import io.chatwarden.simulator.SimulatorRoutes;
import io.chatwarden.simulator.SimulatorServer;
import io.chatwarden.openai.LogFilePage.LogFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logs client against the simulator over real HTTP: the ISO cursor, the repeated
 * boundary file, the empty page's null cursor, the 307 to JSON Lines, {@code org-…}
 * principals and the 404 where the platform is off.
 */
class ComplianceLogsClientTests {

	static final SimulatorServer simulator = SimulatorServer
		.start(new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(30).withEnforceRateLimits(false),
				Clock.systemUTC()), new SimulatorFaults());

	static final String FAR_PAST = "2000-01-01T00:00:00Z";

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@AfterEach
	void reset() {
		simulator.faults().reset();
	}

	@Test
	void shouldRepeatTheBoundaryFileAfterTheCursorAndStopOnHasMoreFalse() {
		ComplianceLogsClient client = client(simulator.workspace().workspaceId());
		LogFilePage first = client.listFiles("AUTH_LOG", FAR_PAST, 2).block(Duration.ofSeconds(10));
		assertThat(first.files()).hasSize(2);
		assertThat(first.hasMore()).isTrue();
		LogFilePage second = client.listFiles("AUTH_LOG", first.lastEndTime(), 2).block(Duration.ofSeconds(10));
		assertThat(second.files().getFirst()).isEqualTo(first.files().getLast());
		assertThat(Instant.parse(second.lastEndTime())).isAfter(Instant.parse(first.lastEndTime()));
	}

	@Test
	void shouldGiveNoCursorOnAnEmptyPage() {
		LogFilePage page = client(simulator.workspace().workspaceId())
			.listFiles("AUDIT_LOG", Instant.now().plus(Duration.ofDays(3)).toString(), 10)
			.block(Duration.ofSeconds(10));
		assertThat(page.files()).isEmpty();
		assertThat(page.lastEndTime()).isNull();
		assertThat(page.hasMore()).isFalse();
	}

	@Test
	void shouldFollowTheRedirectAndReadEveryLineForAnOrganizationPrincipal() {
		ComplianceLogsClient client = client(SimulatorRoutes.LOGS_ORGANIZATION_ID);
		LogFilePage page = client.listFiles("CONVERSATION_MESSAGE", FAR_PAST, 1).block(Duration.ofSeconds(10));
		LogFile file = page.files().getFirst();
		assertThat(file.eventType()).isEqualTo("CONVERSATION_MESSAGE");
		assertThat(file.endTime()).isNotNull();
		assertThat(file.fileName()).endsWith(".jsonl");
		assertThat(file.size()).isPositive();
		assertThat(file.sha256()).hasSize(64);
		long before = simulator.storage().downloads();
		List<String> lines = client.lines(file).collectList().block(Duration.ofSeconds(30));
		assertThat(lines).isNotEmpty().allSatisfy(line -> {
			ConversationMessageEvent event = LogEvents.conversationMessage(LogEvents.parse(line));
			assertThat(event.conversationId()).isNotBlank();
			assertThat(event.messageId()).isNotBlank();
		});
		// The 307 led to another origin, which got no key.
		assertThat(simulator.storage().downloads()).isEqualTo(before + 1);
		assertThat(simulator.storage().bearerAttempts()).isZero();
	}

	@Test
	void shouldFailADownloadWhoseSha256DoesNotMatchTheListing() {
		simulator.faults().corruptDownloads(1);
		ComplianceLogsClient client = client(simulator.workspace().workspaceId());
		LogFile file = client.listFiles("AUTH_LOG", FAR_PAST, 1).block(Duration.ofSeconds(10)).files().getFirst();
		StepVerifier.create(client.lines(file).then())
			.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOf(LogFileDigestException.class)
				.hasMessageContaining("sha256")
				.hasMessageContaining(file.id()))
			.verify(Duration.ofSeconds(30));
		StepVerifier.create(client.lines(file).count()).expectNextMatches(n -> n > 0).verifyComplete();
	}

	@Test
	void shouldFailAnInterruptedDownloadInsteadOfEndingItQuietly() {
		simulator.faults().interruptDownloads(0, 1, 3);
		ComplianceLogsClient client = client(simulator.workspace().workspaceId());
		LogFilePage page = client.listFiles("CONVERSATION_MESSAGE", FAR_PAST, 1).block(Duration.ofSeconds(10));
		StepVerifier.create(client.lines(page.files().getFirst()))
			.expectNextCount(3)
			.expectErrorSatisfies(
					ex -> assertThat(ex).isInstanceOf(OpenAiApiException.class).hasMessageContaining("interrupted"))
			.verify(Duration.ofSeconds(30));
	}

	@Test
	void shouldSayThePlatformIsNotEnabledOnA404() {
		simulator.faults().logsDisabled(true);
		StepVerifier.create(client(simulator.workspace().workspaceId()).listFiles("AUDIT_LOG", FAR_PAST, 10))
			.expectErrorSatisfies(ex -> {
				assertThat(ex).isInstanceOf(OpenAiApiException.class).hasMessageContaining("not enabled");
				assertThat(((OpenAiApiException) ex).status()).isEqualTo(404);
			})
			.verify(Duration.ofSeconds(10));
	}

	private static ComplianceLogsClient client(String principal) {
		ComplianceProperties properties = new ComplianceProperties(simulator.complianceBaseUrl(),
				"sk-proj-LogsClientKey0123", principal, 100, 200, 20, 100000, 100000, Duration.ofSeconds(10), 2,
				Duration.ofMillis(10), Duration.ofMillis(50), DataSize.ofMegabytes(8));
		return new ComplianceLogsClient(properties, WebClient.builder());
	}

}
