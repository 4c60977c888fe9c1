package io.chatwarden.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import io.chatwarden.simulator.Needle;
import io.chatwarden.simulator.SimulatedWorkspace;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The investigator's path through the web UI in a real browser (headless Chromium):
 * search, read a conversation, pivot from a finding (or, where findings are not deployed,
 * from a GPT) to its conversations. Screenshots of each page go to
 * {@code target/screenshots/}. Skipped where no Chromium and chromedriver are installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvestigatorUiTests extends DemoAppBrowserTest {

	@Autowired
	SimulatedWorkspace workspace;

	@Test
	@Order(1)
	void investigatorSearchesReadsAndPivots() throws IOException {
		Files.createDirectories(SCREENSHOTS);
		// The app serves the UI at / (index.html, then the search screen).
		this.driver.get(this.base + "/");
		awaitRendered();
		assertThat(this.driver.findElements(By.cssSelector(".result"))).isNotEmpty();
		assertThat(this.driver.getTitle()).contains("Chatwarden");
		shot("01-search-start");

		// 1. A search: the planted phrase, typed into the query box.
		Needle needle = this.workspace.needles().get(0);
		WebElement box = this.driver.findElement(By.id("q"));
		box.clear();
		box.sendKeys("\"" + needle.phrase() + "\"");
		box.submit();
		waitFor(d -> d.getCurrentUrl().contains("q="));
		awaitRendered();
		waitFor(d -> !d.findElements(By.cssSelector(".result")).isEmpty());
		assertThat(this.driver.getCurrentUrl()).as("the URL holds the search").contains("#/search?q=");
		boolean fullText = hasQueryField("searchConversations");
		List<String> hrefs = this.driver.findElements(By.cssSelector(".result-title"))
			.stream()
			.map(a -> a.getDomAttribute("href"))
			.toList();
		if (fullText) {
			assertThat(hrefs).as("every planted conversation is found")
				.allSatisfy(href -> assertThat(needle.conversationIds()).anyMatch(href::contains));
			assertThat(this.driver.findElements(By.cssSelector(".highlights mark"))).isNotEmpty();
		}
		shot("02-search-results");

		// 2. Open the first result: a readable transcript.
		this.driver.findElement(By.cssSelector(".result-title")).click();
		waitFor(d -> d.getCurrentUrl().contains("#/conversation/"));
		awaitRendered();
		assertThat(this.driver.findElements(By.cssSelector(".transcript .message"))).isNotEmpty();
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isNotBlank();
		assertThat(this.driver.findElements(By.cssSelector(".message.role-user"))).isNotEmpty();
		shot("03-conversation");

		// The header says who is calling: in demo mode without a token, the local admin.
		assertThat(this.driver.findElement(By.id("viewer-role")).getText()).isEqualTo("ADMIN");
		String conversationUrl = this.driver.getCurrentUrl();

		// 3. Pivot to the conversations behind a finding (findings are on this server).
		assertThat(hasQueryField("findings")).as("findings are deployed").isTrue();
		pivotFromFinding();

		// 4. A user's timeline, from the conversation: their chats and events by time.
		this.driver.get(conversationUrl);
		awaitRendered();
		this.driver.findElement(By.id("user-timeline")).click();
		waitFor(d -> d.getCurrentUrl().contains("#/user/"));
		awaitRendered();
		assertThat(this.driver.findElements(By.cssSelector(".timeline-entry.kind-conversation")))
			.as("the user's conversations on their timeline")
			.isNotEmpty();
		assertThat(this.driver.findElements(By.cssSelector(".panel.error"))).isEmpty();
		shot("14-user-timeline");
		// A user with events (an actor of an audit event) shows events on the timeline.
		open("#/events?type=AUDIT_LOG");
		List<WebElement> actors = this.driver
			.findElements(By.cssSelector(".events-table tbody tr td:nth-child(4) a.timeline-link"));
		assertThat(actors).as("audit events by users").isNotEmpty();
		actors.get(0).click();
		waitFor(d -> d.getCurrentUrl().contains("#/user/"));
		awaitRendered();
		waitFor(d -> !d.findElements(By.cssSelector(".timeline-entry.kind-event")).isEmpty());
		shot("16-user-timeline-events");

		// 5. The events screen: every type, then filtered.
		open("#/events");
		assertThat(this.driver.findElements(By.cssSelector(".events-table tbody tr"))).isNotEmpty();
		assertThat(this.driver.findElement(By.id("events-count")).getText()).matches("[\\d,]+ events?");
		shot("15-events");
		// The type choices come from the data.
		waitFor(d -> !d.findElements(By.cssSelector("#e-type option[value='AUTH_LOG']")).isEmpty());
		choose("e-type", "AUTH_LOG");
		waitFor(d -> d.getCurrentUrl().contains("type=AUTH_LOG"));
		awaitRendered();
		assertThat(this.driver.findElements(By.cssSelector(".events-table tbody tr td:nth-child(2)")))
			.allSatisfy(td -> assertThat(td.getText()).isEqualTo("AUTH_LOG"));

		// 6. Export: the planted phrase as CSV, fetched with the caller's credentials.
		open("#/search?q="
				+ java.net.URLEncoder.encode("\"" + needle.phrase() + "\"", java.nio.charset.StandardCharsets.UTF_8));
		this.driver.findElement(By.id("export")).click();
		waitFor(d -> d.findElement(By.id("export-progress")).getText().startsWith("Exported"));
		assertThat(this.driver.findElement(By.id("export-progress")).getText()).matches("Exported [\\d,]+ bytes\\.")
			.doesNotContain("Exported 0 bytes");
		shot("17-search-export");

		// 7. Admin screens (the local demo admin may see them).
		open("#/admin/tokens");
		assertThat(this.driver.findElements(By.cssSelector(".panel.error"))).isEmpty();
		shot("18-admin-tokens");
		awaitAuditEntries();
		shot("19-admin-audit");

		// 8. The other screens render without errors.
		for (String[] page : new String[][] { { "#/inventory/gpts", "08-inventory-gpts" },
				{ "#/inventory/users", "09-inventory-users" }, { "#/inventory/keys", "10-inventory-keys" },
				{ "#/inventory/invites", "11-inventory-invites" }, { "#/dashboard", "12-dashboard" },
				{ "#/sync", "13-sync" } }) {
			open(page[0]);
			assertThat(this.driver.findElements(By.cssSelector("main .loading"))).as("still loading %s", page[0])
				.isEmpty();
			assertThat(this.driver.findElements(By.cssSelector(".panel.error"))).as("error panel on %s", page[0])
				.isEmpty();
			shot(page[1]);
		}
		// The sync page (the last one) shows the retention, forever by default, and the
		// legal hold.
		assertThat(this.driver.findElement(By.id("retention")).getText()).isEqualTo("Forever");
		assertThat(this.driver.findElement(By.id("legal-hold")).getText()).isEqualTo("Off");
		assertNoScriptErrors();
	}

	private void pivotFromFinding() {
		open("#/findings");
		assertThat(this.driver.findElements(By.cssSelector(".findings-table tbody tr"))).isNotEmpty();
		shot("04-findings");
		// A GPT finding: its related conversations are the GPT's.
		open("#/findings?all=1&type=gpt-custom-actions");
		this.driver.findElement(By.cssSelector(".findings-table tbody tr a")).click();
		waitFor(d -> d.getCurrentUrl().contains("#/finding/"));
		awaitRendered();
		shot("05-finding-detail");
		assertThat(this.driver.findElements(By.cssSelector(".related a"))).as("the finding's related conversations")
			.isNotEmpty();
		this.driver.findElement(By.id("open-related")).click();
		waitFor(d -> d.getCurrentUrl().contains("gpt="));
		awaitRendered();
		assertThat(this.driver.findElements(By.cssSelector(".result"))).isNotEmpty();
		shot("06-finding-conversations");
		this.driver.findElement(By.cssSelector(".result-title")).click();
		waitFor(d -> d.getCurrentUrl().contains("#/conversation/"));
		awaitRendered();
		assertThat(this.driver.findElements(By.cssSelector(".transcript .message"))).isNotEmpty();
		shot("07-finding-conversation");
	}

	@Test
	@Order(2)
	void highlightsAreRenderedAsTextNeverAsHtml() {
		open("#/search?q=escaping");
		Object html = this.driver.executeAsyncScript(
				"""
						const done = arguments[arguments.length - 1];
						import('/js/dom.js').then((m) => {
						  const out = m.snippet('<img src=x onerror="window.pwned=1">a <mark>key</mark> <em>b</em> <script>x</script>');
						  done(out.innerHTML + '|' + out.querySelectorAll('img,script,b').length);
						});
						""");
		assertThat(String.valueOf(html)).endsWith("|0")
			.contains("<mark>key</mark>")
			.contains("<mark>b</mark>")
			.contains("&lt;img");
	}

	private boolean hasQueryField(String name) {
		var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(this.base + "/graphql").build());
		List<String> fields = graphQl.document("{ __type(name: \"Query\") { fields { name } } }")
			.execute()
			.path("__type.fields[*].name")
			.entityList(String.class)
			.get();
		return fields.contains(name);
	}

}
