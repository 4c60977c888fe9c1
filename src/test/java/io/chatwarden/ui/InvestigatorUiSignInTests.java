package io.chatwarden.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.chatwarden.support.FreePort;
import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in through the web UI when the server needs a token: demo mode stays on, but
 * with {@code chatwarden.security.bootstrap-admin-token} configured there is no local
 * admin, so the first request answers 401 and the UI asks for a token, keeps it for the
 * tab and sends it with every request. Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "chatwarden.simulator.conversations=40", "chatwarden.simulator.enforce-rate-limits=false",
				"chatwarden.demo.enabled=true",
				"chatwarden.security.bootstrap-admin-token=" + InvestigatorUiSignInTests.TOKEN })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "io.chatwarden.ui.Browser#available",
		disabledReason = "No Chromium and chromedriver (apt-get install chromium chromium-driver): UI test skipped")
class InvestigatorUiSignInTests extends BrowserTest {

	@Override
	boolean expectedConsoleError(String message) {
		// The 401s that open the sign-in dialog are logged by the browser as failed
		// loads.
		return message.contains("401");
	}

	static final String TOKEN = "cw-ui-test-bootstrap-admin-token-0123456789";

	static final int PORT = FreePort.find();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("chatwarden.store.index-prefix", () -> "cw-uiauth-" + Long.toHexString(System.nanoTime()));
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

	@Test
	void asksForATokenOn401AndWorksWithIt() {
		this.driver.get(this.base + "/#/findings");
		// 401: the sign-in dialog, focused on the token field.
		waitFor(d -> Boolean.TRUE
			.equals(d.executeScript("const s = document.getElementById('signin'); return !!s && s.open")));
		assertThat(this.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("signin-token");
		assertThat(this.driver.findElement(By.id("signin")).getText()).contains("createApiToken")
			.contains("chatwarden.security.bootstrap-admin-token");
		shot("20-sign-in");

		// A wrong token is refused and the dialog stays open.
		WebElement field = this.driver.findElement(By.id("signin-token"));
		field.sendKeys("not-a-token");
		this.driver.findElement(By.id("signin-submit")).click();
		waitFor(d -> d.findElement(By.id("signin-error")).getText().contains("not accepted"));
		shot("21-sign-in-refused");

		// The right one: the page renders, the header says who is signed in.
		field.clear();
		field.sendKeys(TOKEN);
		this.driver.findElement(By.id("signin-submit")).click();
		awaitRendered();
		assertThat((Boolean) this.driver.executeScript("return document.getElementById('signin').open")).isFalse();
		assertThat(this.driver.findElements(By.cssSelector(".findings-table tbody tr"))).isNotEmpty();
		assertThat(this.driver.findElement(By.id("viewer-name")).getText()).isNotBlank();
		assertThat(this.driver.findElement(By.id("viewer-role")).getText()).isEqualTo("ADMIN");
		assertThat(this.driver.executeScript("return sessionStorage.getItem('chatwarden.token')")).isEqualTo(TOKEN);
		assertThat(this.driver.executeScript("return localStorage.getItem('chatwarden.token')")).isNull();
		shot("22-signed-in-findings");

		// The token travels with every request: search, then an admin screen.
		open("#/search");
		assertThat(this.driver.findElements(By.cssSelector(".result"))).isNotEmpty();
		open("#/admin/tokens");
		this.driver.findElement(By.id("token-name")).sendKeys("ui-test viewer");
		choose("token-role", "VIEWER");
		this.driver.findElement(By.cssSelector("#create-token button[type=submit]")).click();
		waitFor(d -> !d.findElements(By.id("token-value")).isEmpty());
		String viewerToken = this.driver.findElement(By.id("token-value")).getDomProperty("value");
		assertThat(viewerToken).isNotBlank();
		waitFor(d -> d.findElement(By.cssSelector(".tokens-table")).getText().contains("ui-test viewer"));
		shot("23-admin-token-created");
		awaitAuditEntries();
		shot("24-admin-audit");

		// Sign out, then in again as the viewer: no export, no triage, no admin.
		this.driver.findElement(By.id("sign-out")).click();
		waitFor(d -> Boolean.TRUE
			.equals(d.executeScript("const s = document.getElementById('signin'); return !!s && s.open")));
		this.driver.findElement(By.id("signin-token")).sendKeys(viewerToken);
		this.driver.findElement(By.id("signin-submit")).click();
		awaitRendered();
		assertThat(this.driver.findElement(By.id("viewer-role")).getText()).isEqualTo("VIEWER");
		open("#/search?q=the");
		assertThat(this.driver.findElements(By.id("export"))).isEmpty();
		assertThat(this.driver.findElement(By.id("export-disabled")).getText()).contains("INVESTIGATOR");
		assertThat(this.driver.findElement(By.id("nav-admin")).isDisplayed()).isFalse();
		shot("25-viewer-search");
		open("#/admin/audit");
		assertThat(this.driver.findElement(By.cssSelector(".panel.error")).getText()).contains("VIEWER");
		assertNoScriptErrors();
	}

	private void awaitStartUpSync() {
		var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl(this.base + "/graphql")
			.defaultHeader("Authorization", "Bearer " + TOKEN)
			.responseTimeout(Duration.ofSeconds(30))
			.build());
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
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
		throw new AssertionError("The start-up sync did not finish within 2 minutes");
	}

}
