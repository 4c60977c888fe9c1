package io.chatwarden.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.chatwarden.files.FileFetcher;
import io.chatwarden.simulator.PlantedFiles;
import io.chatwarden.support.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files in the web UI (headless Chromium), on the demo workspace: a search shows the
 * matching knowledge file beside the conversation hits, and its GPT's page lists its
 * knowledge files with their content status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "chatwarden.simulator.conversations=60", "chatwarden.simulator.enforce-rate-limits=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "io.chatwarden.ui.Browser#available",
		disabledReason = "No Chromium and chromedriver (apt-get install chromium chromium-driver): UI test skipped")
class FilesUiTests extends BrowserTest {

	static final int PORT = FreePort.find();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("chatwarden.store.index-prefix", () -> "cw-ui-files-" + Long.toHexString(System.nanoTime()));
	}

	@BeforeAll
	void start(@TempDir Path profile, @Autowired FileFetcher fetcher) {
		this.base = "http://127.0.0.1:" + PORT;
		awaitStartUpSync();
		// Queued behind the fetch the sync started: when it completes, every file is
		// settled.
		fetcher.run().block(Duration.ofMinutes(3));
		this.driver = Browser.start(profile);
	}

	@AfterAll
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void searchShowsFileHitsAndTheGptPageShowsKnowledgeFilesWithStatus() throws IOException {
		Files.createDirectories(SCREENSHOTS);
		open("#/search?q=%22" + PlantedFiles.RUNBOOK_PHRASE.replace(" ", "%20") + "%22");
		waitFor(d -> !d.findElements(By.cssSelector("#file-hits .file-hit")).isEmpty());
		WebElement hit = this.driver.findElement(By.cssSelector("#file-hits .file-hit"));
		assertThat(hit.getText()).contains("vendor-runbook.pdf").contains("indexed");
		assertThat(hit.findElements(By.cssSelector(".highlights mark"))).isNotEmpty();
		assertThat(hit.getText()).doesNotContain(PlantedFiles.RUNBOOK_SECRET);
		shot("files-01-search");

		hit.findElement(By.cssSelector("a.badge.gpt")).click();
		waitFor(d -> d.getCurrentUrl().contains("#/gpt/"));
		awaitRendered();
		waitFor(d -> !d.findElements(By.cssSelector("#knowledge-files .file-status")).isEmpty());
		String files = this.driver.findElement(By.id("knowledge-files")).getText();
		assertThat(files).contains("vendor-runbook.pdf").contains("indexed");
		shot("files-02-gpt");
		assertNoScriptErrors();
	}

	private void awaitStartUpSync() {
		var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl(this.base + "/graphql")
			.responseTimeout(Duration.ofSeconds(30))
			.build());
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
