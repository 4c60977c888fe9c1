package io.chatwarden.openai;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ChatGPT Enterprise Compliance API client
 * ({@code chatwarden.openai.compliance.*}).
 *
 * @param baseUrl the API root
 * @param apiKey the Compliance key (secret; never printed)
 * @param workspaceId the workspace to copy; a UUID as a rule, but other forms exist
 * @param conversationPageSize conversations per page (at most 500; pages can be several
 * MB each)
 * @param userPageSize users per page
 * @param gptPageSize GPTs per page
 * @param listCallsPerMinute calls per minute per list endpoint (documented limit: 50)
 * @param itemCallsPerMinute calls per minute per single-item endpoint (documented limit:
 * 100)
 * @param timeout how long one call may take, body included
 * @param maxAttempts attempts per call, the first included, on 429, 5xx and timeouts
 * @param minBackoff the shortest wait before a retry
 * @param maxBackoff the longest wait before a retry (unless the server's
 * {@code Retry-After} asks for more)
 * @param maxResponseSize the largest response body held in memory
 */
@ConfigurationProperties("chatwarden.openai.compliance")
public record ComplianceProperties(@DefaultValue("https://api.chatgpt.com/v1") String baseUrl, String apiKey,
		String workspaceId, @DefaultValue("100") int conversationPageSize, @DefaultValue("200") int userPageSize,
		@DefaultValue("20") int gptPageSize, @DefaultValue("50") int listCallsPerMinute,
		@DefaultValue("100") int itemCallsPerMinute, @DefaultValue("60s") Duration timeout,
		@DefaultValue("6") int maxAttempts, @DefaultValue("1s") Duration minBackoff,
		@DefaultValue("60s") Duration maxBackoff, @DefaultValue("64MB") DataSize maxResponseSize) {

	static final String PREFIX = "chatwarden.openai.compliance";

	public ComplianceProperties {
		// An empty value (an unset environment variable in docker-compose) means "not
		// configured".
		if (workspaceId != null && workspaceId.isEmpty()) {
			workspaceId = null;
		}
		if (workspaceId != null) {
			validateWorkspaceId(workspaceId);
		}
		PropertyChecks.between(PREFIX + ".conversation-page-size", conversationPageSize, 1, 500);
		PropertyChecks.between(PREFIX + ".user-page-size", userPageSize, 1, 1000);
		PropertyChecks.between(PREFIX + ".gpt-page-size", gptPageSize, 1, 1000);
		PropertyChecks.limits(PREFIX, listCallsPerMinute, itemCallsPerMinute, timeout, maxAttempts, minBackoff,
				maxBackoff, maxResponseSize);
	}

	/** Whether a key is set, so that the real workspace can be synced. */
	public boolean configured() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	HttpSettings http() {
		return new HttpSettings("Compliance API", PREFIX, this.baseUrl, this.apiKey, this.listCallsPerMinute,
				this.timeout, this.maxAttempts, this.minBackoff, this.maxBackoff, this.maxResponseSize);
	}

	// The id goes into a URL path: refuse only what would change the path or the query,
	// since workspaces are not always UUIDs (org-… principals exist).
	private static void validateWorkspaceId(String id) {
		String property = PREFIX + ".workspace-id";
		if (id.isBlank()) {
			throw new IllegalArgumentException(property + " is blank: set it to the workspace id, or leave it unset");
		}
		if (id.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException(property + " must not contain whitespace: '" + id.strip() + "'");
		}
		for (String bad : new String[] { "/", "?", "#", ".." }) {
			if (id.contains(bad)) {
				throw new IllegalArgumentException(
						property + " must not contain '" + bad + "' (it goes into the URL path): '" + id + "'");
			}
		}
	}

	@Override
	public String toString() {
		return "ComplianceProperties[baseUrl=" + this.baseUrl + ", apiKey=" + (configured() ? "***" : "<not set>")
				+ ", workspaceId=" + this.workspaceId + ", conversationPageSize=" + this.conversationPageSize
				+ ", userPageSize=" + this.userPageSize + ", gptPageSize=" + this.gptPageSize + ", listCallsPerMinute="
				+ this.listCallsPerMinute + ", itemCallsPerMinute=" + this.itemCallsPerMinute + ", timeout="
				+ this.timeout + ", maxAttempts=" + this.maxAttempts + ", minBackoff=" + this.minBackoff
				+ ", maxBackoff=" + this.maxBackoff + ", maxResponseSize=" + this.maxResponseSize + "]";
	}

}
