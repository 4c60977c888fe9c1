package io.chatwarden.openai;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the OpenAI Admin API client ({@code chatwarden.openai.admin.*}).
 *
 * @param baseUrl the API root
 * @param apiKey an organization admin key (secret; never printed); without it, key and
 * invite findings are off
 * @param pageSize records per page (the API allows 1 to 100)
 * @param listCallsPerMinute calls per minute per list endpoint (no published limit)
 * @param itemCallsPerMinute calls per minute per single-item endpoint
 * @param timeout how long one call may take, body included
 * @param maxAttempts attempts per call, the first included, on 429, 5xx and timeouts
 * @param minBackoff the shortest wait before a retry
 * @param maxBackoff the longest wait before a retry (unless the server's
 * {@code Retry-After} asks for more)
 * @param maxResponseSize the largest response body held in memory
 */
@ConfigurationProperties("chatwarden.openai.admin")
public record AdminProperties(@DefaultValue("https://api.openai.com/v1") String baseUrl, String apiKey,
		@DefaultValue("100") int pageSize, @DefaultValue("50") int listCallsPerMinute,
		@DefaultValue("100") int itemCallsPerMinute, @DefaultValue("60s") Duration timeout,
		@DefaultValue("6") int maxAttempts, @DefaultValue("1s") Duration minBackoff,
		@DefaultValue("60s") Duration maxBackoff, @DefaultValue("16MB") DataSize maxResponseSize) {

	static final String PREFIX = "chatwarden.openai.admin";

	public AdminProperties {
		PropertyChecks.between(PREFIX + ".page-size", pageSize, 1, 100);
		PropertyChecks.limits(PREFIX, listCallsPerMinute, itemCallsPerMinute, timeout, maxAttempts, minBackoff,
				maxBackoff, maxResponseSize);
	}

	/** Whether a key is set, so that keys, invites and org users can be synced. */
	public boolean configured() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	HttpSettings http() {
		return new HttpSettings("Admin API", PREFIX, this.baseUrl, this.apiKey, this.listCallsPerMinute, this.timeout,
				this.maxAttempts, this.minBackoff, this.maxBackoff, this.maxResponseSize);
	}

	@Override
	public String toString() {
		return "AdminProperties[baseUrl=" + this.baseUrl + ", apiKey=" + (configured() ? "***" : "<not set>")
				+ ", pageSize=" + this.pageSize + ", listCallsPerMinute=" + this.listCallsPerMinute
				+ ", itemCallsPerMinute=" + this.itemCallsPerMinute + ", timeout=" + this.timeout + ", maxAttempts="
				+ this.maxAttempts + ", minBackoff=" + this.minBackoff + ", maxBackoff=" + this.maxBackoff
				+ ", maxResponseSize=" + this.maxResponseSize + "]";
	}

}
