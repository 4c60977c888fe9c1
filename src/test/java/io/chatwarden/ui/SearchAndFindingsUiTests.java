package io.chatwarden.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What issue 12 asked of the investigator's UI, in a real Chromium over the demo
 * workspace: word forms, prefixes and operators; the Tool filter; facets that add up;
 * findings that say who and when and lead to their events; the timeline that narrows the
 * range; a header that fits 1,024 px; screenshots of every page at 1,280 and 1,024 px.
 */
class SearchAndFindingsUiTests extends DemoAppBrowserTest {

	@Test
	void findsEveryWordFormPrefixesAndOperators() {
		long singular = total("invoice");
		long plural = total("invoices");
		assertThat(plural).as("conversations about invoices").isGreaterThan(1);
		assertThat(singular).as("invoice finds the plural too").isEqualTo(plural);
		shot("search-plural");
		assertThat(total("invoic*")).as("a prefix").isGreaterThanOrEqualTo(plural);
		assertThat(total("file:.pdf")).as("uploaded file names").isPositive();
		shot("search-file-operator");
		String user = this.driver.findElement(By.cssSelector(".result-meta a")).getText();
		assertThat(total("user:" + user)).isPositive();
		assertThat(this.driver.findElements(By.cssSelector(".result-meta > a:first-child")))
			.allSatisfy(a -> assertThat(a.getText()).isEqualTo(user));
	}

	@Test
	void toolFilterReturnsTheConversationsThatUsedPython() {
		search("the");
		WebElement python = facetRow("tools", "tools-python");
		long expected = Long.parseLong(python.getDomAttribute("data-count"));
		assertThat(expected).as("conversations that used python").isPositive();
		waitFor(d -> !d.findElements(By.cssSelector("#f-tool option[value='python']")).isEmpty());
		choose("f-tool", "python");
		waitFor(d -> d.getCurrentUrl().contains("tool=python"));
		awaitRendered();
		assertThat(count()).isEqualTo(expected);
		shot("search-tool-python");
	}

	@Test
	void facetCountsAddUpToTheTotal() {
		search("the");
		long total = count();
		for (String facet : List.of("users", "gpts")) {
			WebElement sum = this.driver.findElement(By.cssSelector(".facet[data-facet='" + facet + "'] .facet-sum"));
			assertThat(Long.parseLong(sum.getDomAttribute("data-sum"))).as(facet).isEqualTo(total);
		}
		// "Other" excludes the listed users: what is left is exactly its count.
		List<WebElement> other = this.driver.findElements(By.cssSelector(".facet[data-facet='users'] li.facet-other"));
		if (!other.isEmpty()) {
			long otherCount = Long.parseLong(other.get(0).getDomAttribute("data-count"));
			other.get(0).findElement(By.cssSelector("a")).click();
			waitFor(d -> d.getCurrentUrl().contains("-user"));
			awaitRendered();
			assertThat(count()).isEqualTo(otherCount);
		}
		shot("search-facets");
	}

	@Test
	void timelineBrushNarrowsTheRange() {
		search("the");
		long before = count();
		List<WebElement> bars = this.driver.findElements(By.cssSelector(".histogram .hit"));
		assertThat(bars.size()).isGreaterThan(2);
		new Actions(this.driver).clickAndHold(bars.get(0)).moveToElement(bars.get(1)).release().perform();
		waitFor(d -> d.getCurrentUrl().contains("from=") && d.getCurrentUrl().contains("to="));
		awaitRendered();
		assertThat(count()).isLessThan(before);
		assertThat(this.driver.findElement(By.id("date-shown")).getText()).contains("Conversations active from");
		shot("search-timeline-narrowed");
	}

	@Test
	void findingsShowTheirUserAndWhenItHappened() {
		open("#/findings?all=1&type=dlp-openai-api-key");
		WebElement row = this.driver.findElement(By.cssSelector(".findings-table tbody tr.finding"));
		assertThat(row.findElement(By.cssSelector(".finding-user")).getText()).contains("@");
		assertThat(row.findElement(By.cssSelector(".finding-occurred time")).getDomAttribute("datetime")).isNotBlank();
		shot("findings-user-occurred");
		row.findElement(By.cssSelector("a[data-key-nav]")).click();
		waitFor(d -> d.getCurrentUrl().contains("#/finding/"));
		awaitRendered();
		assertThat(this.driver.findElement(By.id("finding-user")).getText()).contains("@");
		assertThat(this.driver.findElement(By.cssSelector("#finding-occurred time")).getDomAttribute("datetime"))
			.isNotBlank();
		shot("finding-dlp-detail");
		// Back keeps the list's filters.
		this.driver.findElement(By.cssSelector("a.back")).click();
		waitFor(d -> d.getCurrentUrl().contains("type=dlp-openai-api-key"));
	}

	@Test
	void eventFindingsLeadToTheirEvents() {
		for (String type : List.of("user-role-raised", "workspace-security-setting-off",
				"compliance-logs-new-lister")) {
			open("#/findings?all=1&type=" + type);
			this.driver.findElement(By.cssSelector(".findings-table tbody tr.finding a[data-key-nav]")).click();
			waitFor(d -> d.getCurrentUrl().contains("#/finding/"));
			awaitRendered();
			shot("finding-" + type);
			this.driver.findElement(By.id("finding-events")).click();
			waitFor(d -> d.getCurrentUrl().contains("#/events"));
			awaitRendered();
			assertThat(this.driver.findElements(By.cssSelector(".events-table tbody tr.event"))).as(type).isNotEmpty();
			shot("finding-" + type + "-events");
		}
	}

	@Test
	void eventFiltersMatchAnyCaseByPrefixAndValuesAreFilters() {
		open("#/events?action=user_role");
		assertThat(this.driver.findElements(By.cssSelector(".events-table tbody tr.event"))).isNotEmpty()
			.allSatisfy(tr -> assertThat(tr.getText()).contains("USER_ROLE"));
		open("#/events?type=AUTH_LOG");
		WebElement ip = this.driver.findElement(By.cssSelector(".events-table a.ip"));
		String address = ip.getText();
		ip.click();
		waitFor(d -> d.getCurrentUrl().contains("ip="));
		awaitRendered();
		assertThat(this.driver.findElements(By.cssSelector(".events-table a.ip")))
			.allSatisfy(a -> assertThat(a.getText()).isEqualTo(address));
	}

	@Test
	void everyPageFitsAt1024AndIsPhotographedAtBothWidths() {
		List<String[]> pages = List.of(new String[] { "#/search", "search" },
				new String[] { "#/search?q=invoices", "search-results" }, new String[] { "#/findings", "findings" },
				new String[] { "#/events", "events" }, new String[] { "#/inventory/gpts", "inventory-gpts" },
				new String[] { "#/inventory/users", "inventory-users" },
				new String[] { "#/inventory/keys", "inventory-keys" },
				new String[] { "#/inventory/invites", "inventory-invites" },
				new String[] { "#/inventory/projects", "inventory-projects" },
				new String[] { "#/inventory/org-users", "inventory-org-users" },
				new String[] { "#/dashboard", "dashboard" }, new String[] { "#/sync", "sync" },
				new String[] { "#/admin/tokens", "admin-tokens" }, new String[] { "#/admin/audit", "admin-audit" });
		try {
			for (int width : new int[] { 1280, 1024 }) {
				this.driver.manage().window().setSize(new Dimension(width, 900));
				for (String[] page : pages) {
					open(page[0]);
					assertThat(this.driver.findElements(By.cssSelector(".panel.error"))).as(page[0]).isEmpty();
					assertHeaderFits(page[0], width);
					shot("page-" + page[1] + "-" + width);
				}
				// Pages reached from others: a conversation, a finding, a GPT, a user.
				open("#/search?q=invoices");
				String conversation = this.driver.findElement(By.cssSelector(".result-title")).getDomAttribute("href");
				open(conversation);
				assertHeaderFits("conversation", width);
				shot("page-conversation-" + width);
				open("#/findings?all=1");
				open(this.driver.findElement(By.cssSelector(".findings-table a[data-key-nav]"))
					.getDomAttribute("href"));
				assertHeaderFits("finding", width);
				shot("page-finding-" + width);
				open("#/inventory/gpts");
				open(this.driver.findElement(By.cssSelector("table.data tbody th a")).getDomAttribute("href"));
				shot("page-gpt-" + width);
				open("#/inventory/users");
				open(this.driver.findElement(By.cssSelector("table.data tbody th a")).getDomAttribute("href"));
				assertHeaderFits("user", width);
				shot("page-user-" + width);
			}
		}
		finally {
			this.driver.manage().window().setSize(new Dimension(1280, 900));
		}
		assertNoScriptErrors();
	}

	private void assertHeaderFits(String page, int width) {
		Object overflow = this.driver.executeScript(
				"""
						const header = document.querySelector('header.top');
						const right = Math.max(...[...header.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right));
						return [header.scrollWidth - header.clientWidth, Math.round(right), document.documentElement.scrollWidth];
						""");
		List<?> values = (List<?>) overflow;
		assertThat(((Number) values.get(0)).intValue()).as("header overflow on %s at %d px", page, width)
			.isLessThanOrEqualTo(0);
		assertThat(((Number) values.get(1)).intValue()).as("header's right edge on %s at %d px", page, width)
			.isLessThanOrEqualTo(width);
	}

	private void search(String query) {
		open("#/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
		waitFor(d -> !d.findElements(By.cssSelector("#results-heading[data-total]")).isEmpty());
	}

	private long total(String query) {
		search(query);
		return count();
	}

	private long count() {
		waitFor(d -> !d.findElements(By.cssSelector("#results-heading[data-total]")).isEmpty());
		return Long.parseLong(this.driver.findElement(By.id("results-heading")).getDomAttribute("data-total"));
	}

	private WebElement facetRow(String facet, String key) {
		return this.driver.findElement(By.cssSelector(".facet[data-facet='" + facet + "'] li[data-key='" + key + "']"));
	}

}
