package io.chatwarden.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.chatwarden.support.OpenSearchTest;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests share: navigating the UI as a person would, waiting on what it
 * shows, screenshots.
 */
abstract class BrowserTest extends OpenSearchTest {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	ChromeDriver driver;

	String base;

	/**
	 * Console errors the page may log in this test (e.g. the 401 that opens the sign-in
	 * dialog).
	 */
	boolean expectedConsoleError(String message) {
		return false;
	}

	void open(String hash) {
		this.driver.get(this.base + "/" + hash);
		awaitRendered();
	}

	/** Picks an option of a select as a person would (the change event included). */
	void choose(String id, String value) {
		this.driver.executeScript("const s = document.getElementById(arguments[0]); s.value = arguments[1];"
				+ " s.dispatchEvent(new Event('change', { bubbles: true }));", id, value);
	}

	void awaitRendered() {
		waitFor(d -> Boolean.TRUE.equals(d.executeScript(
				"const m = document.getElementById('main'); return !!m && m.dataset.ready === (location.hash || '#/search')")));
	}

	/**
	 * Opens the audit log until it lists entries (they are written as the audited request
	 * ends, and searchable once the index refreshes).
	 */
	void awaitAuditEntries() {
		open("#/admin/audit");
		for (int i = 0; i < 20; i++) {
			if (i > 0) {
				// The same URL again is no navigation: reload to read the log anew.
				this.driver.navigate().refresh();
				awaitRendered();
			}
			if (!this.driver.findElements(By.cssSelector(".audit-table tbody tr")).isEmpty()) {
				return;
			}
			Mono.delay(Duration.ofMillis(500)).block();
		}
		shot("failed-audit");
		throw new AssertionError("The audit log lists no entries: " + this.driver.findElement(By.id("main")).getText());
	}

	void assertNoScriptErrors() {
		List<String> severe = this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter(message -> !expectedConsoleError(message))
			.toList();
		assertThat(severe).as("browser console errors").isEmpty();
	}

	void shot(String name) {
		Browser.screenshot(this.driver, SCREENSHOTS.resolve(name + ".png"));
	}

	/** Polls with a deadline; on timeout, a screenshot of what the page showed. */
	void waitFor(Function<ChromeDriver, Boolean> condition) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		RuntimeException last = null;
		while (Instant.now().isBefore(deadline)) {
			try {
				if (Boolean.TRUE.equals(condition.apply(this.driver))) {
					return;
				}
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			Mono.delay(Duration.ofMillis(100)).block();
		}
		shot("failed-wait-" + getClass().getSimpleName());
		throw new AssertionError("Timed out on " + this.driver.getCurrentUrl(), last);
	}

}
