package io.chatwarden.openai;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * What {@link OpenAiHttp} needs from either client's properties.
 *
 * @param apiName how messages name the API ("Compliance API")
 * @param prefix the properties' prefix, so that messages name the setting to fix
 */
record HttpSettings(String apiName, String prefix, String baseUrl, String apiKey, int listCallsPerMinute,
		Duration timeout, int maxAttempts, Duration minBackoff, Duration maxBackoff, DataSize maxResponseSize) {

	@Override
	public String toString() {
		return "HttpSettings[" + this.apiName + ", baseUrl=" + this.baseUrl + "]";
	}

}
