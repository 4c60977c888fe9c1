package io.chatwarden.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.chatwarden.support.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Browser tests against the whole app in demo mode: its simulated workspace synced at
 * start-up into a fresh index prefix, then a headless Chromium on the UI. Skipped where
 * no Chromium and chromedriver are installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "chatwarden.simulator.conversations=120", "chatwarden.simulator.enforce-rate-limits=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "io.chatwarden.ui.Browser#available",
		disabledReason = "No Chromium and chromedriver (apt-get install chromium chromium-driver): UI test skipped")
abstract class DemoAppBrowserTest extends BrowserTest {

	static final int PORT = FreePort.find();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		// A fresh prefix: the start-up sync is a first sync even on a node kept between
		// runs, so planted phrases find exactly this run's conversations.
		registry.add("chatwarden.store.index-prefix", () -> "cw-ui-" + Long.toHexString(System.nanoTime()));
	}

	@BeforeAll
	void start(@TempDir Path profile) {
		this.base = "http://127.0.0.1:" + PORT;
		awaitStartUpSync();
		this.driver = Browser.start(profile);
	}

	@AfterAll
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	HttpGraphQlTester graphQl() {
		return HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl(this.base + "/graphql")
			.responseTimeout(Duration.ofSeconds(30))
			.build());
	}

	private void awaitStartUpSync() {
		HttpGraphQlTester graphQl = graphQl();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			Map<?, ?> status = graphQl.document("{ syncStatus { running lastSuccessAt } }")
				.execute()
				.path("syncStatus")
				.entity(Map.class)
				.get();
			if (status.get("lastSuccessAt") != null && !Boolean.TRUE.equals(status.get("running"))) {
				return;
			}
			Mono.delay(Duration.ofMillis(200)).block();
		}
		throw new AssertionError("The start-up sync did not finish within 3 minutes");
	}

}
