package io.chatwarden.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Shared fixtures: a fixed clock, small properties, and a JSON client for the server. */
final class SimTestSupport {

	static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final String TOKEN = "Bearer sk-test";

	private SimTestSupport() {
	}

	/**
	 * Defaults without rate limits, so tests can page freely, serving the 2025 API
	 * (stateful conversations) that most of these tests read.
	 */
	static SimulatorProperties props() {
		return SimulatorProperties.defaults().withEnforceRateLimits(false).withStatefulConversations(true);
	}

	static SimulatedWorkspace workspace() {
		return new SimulatedWorkspace(props(), CLOCK);
	}

	static WebTestClient client(String baseUrl) {
		return WebTestClient.bindToServer()
			.baseUrl(baseUrl)
			.responseTimeout(Duration.ofSeconds(30))
			.codecs((c) -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
			.build();
	}

	static JsonNode getJson(WebTestClient client, String uri) {
		byte[] body = client.get()
			.uri(uri)
			.header("Authorization", TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return Json.MAPPER.readTree(body);
	}

	/**
	 * Follows {@code after}/{@code has_more} to the end, as a client must: any
	 * {@code since_timestamp} goes on the first page only.
	 */
	static List<JsonNode> allPages(WebTestClient client, String uri) {
		List<JsonNode> pages = new ArrayList<>();
		String next = uri.replaceAll("since_timestamp=\\d+&?", "").replaceAll("[?&]$", "");
		String after = null;
		while (true) {
			String sep = next.contains("?") ? "&" : "?";
			JsonNode page = getJson(client, (after == null) ? uri : next + sep + "after=" + after);
			pages.add(page);
			if (!page.get("has_more").asBoolean()) {
				return pages;
			}
			after = page.get("last_id").asString();
			if (pages.size() > 10_000) {
				throw new AssertionError("paging does not end");
			}
		}
	}

	static List<String> ids(List<JsonNode> pages) {
		List<String> ids = new ArrayList<>();
		pages.forEach((p) -> p.get("data").forEach((d) -> ids.add(d.get("id").asString())));
		return ids;
	}

	static boolean luhnValid(String number) {
		String digits = number.replaceAll("[ -]", "");
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int d = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 1) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
		}
		return sum % 10 == 0;
	}

	static boolean ibanValid(String iban) {
		String compact = iban.replace(" ", "");
		String rearranged = compact.substring(4) + compact.substring(0, 4);
		StringBuilder numeric = new StringBuilder();
		for (char ch : rearranged.toCharArray()) {
			numeric.append(Character.isLetter(ch) ? String.valueOf(ch - 'A' + 10) : String.valueOf(ch));
		}
		return new java.math.BigInteger(numeric.toString()).mod(java.math.BigInteger.valueOf(97)).intValue() == 1;
	}

}
