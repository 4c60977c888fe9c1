package io.chatwarden.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Test clients act as the bootstrap admin: import this and set
 * {@code chatwarden.security.bootstrap-admin-token} to {@link #ADMIN_TOKEN}. Access rules
 * themselves are tested in {@code security}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestAuthentication {

	public static final String ADMIN_TOKEN = "test-bootstrap-admin-token";

	public static final String PROPERTY = "chatwarden.security.bootstrap-admin-token=" + ADMIN_TOKEN;

	@Bean
	WebTestClientBuilderCustomizer adminBearer() {
		return builder -> builder.defaultHeader("Authorization", "Bearer " + ADMIN_TOKEN);
	}

}
