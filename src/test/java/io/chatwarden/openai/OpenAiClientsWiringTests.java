package io.chatwarden.openai;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that both clients start from properties alone, with or without Boot's builder.
 */
class OpenAiClientsWiringTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
		.withUserConfiguration(Clients.class);

	@Test
	void shouldStartWithoutAnyKeyConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ComplianceClient.class).hasSingleBean(AdminClient.class);
			assertThat(context.getBean(ComplianceProperties.class).configured()).isFalse();
		});
	}

	@Test
	void shouldUseTheContextsWebClientBuilderWhenPresent() {
		this.runner.withUserConfiguration(Builder.class)
			.withPropertyValues("chatwarden.openai.compliance.api-key=sk-x", "chatwarden.openai.admin.page-size=50")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ComplianceClient.class);
				assertThat(context.getBean(ComplianceProperties.class).configured()).isTrue();
				assertThat(context.getBean(AdminProperties.class).pageSize()).isEqualTo(50);
			});
	}

	@Test
	void shouldFailToStartOnAnInvalidWorkspaceIdNamingTheProperty() {
		this.runner.withPropertyValues("chatwarden.openai.compliance.workspace-id=../admin")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("chatwarden.openai.compliance.workspace-id must not contain '/'"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ComplianceProperties.class, AdminProperties.class })
	@Import({ ComplianceClient.class, AdminClient.class })
	static class Clients {

	}

	@Configuration(proxyBeanMethods = false)
	static class Builder {

		@Bean
		WebClient.Builder webClientBuilder() {
			return WebClient.builder();
		}

	}

}
