package io.chatwarden.simulator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SimulatorConfiguration.class);

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SimulatedWorkspace.class)
			.doesNotHaveBean(RouterFunction.class));
	}

	@Test
	void enabledBindsPropertiesWithDefaults() {
		this.runner
			.withPropertyValues("chatwarden.simulator.enabled=true", "chatwarden.simulator.conversations=120",
					"chatwarden.simulator.seed=9")
			.run((context) -> {
				assertThat(context).hasSingleBean(RouterFunction.class).hasSingleBean(SimulatorFaults.class);
				SimulatorProperties props = context.getBean(SimulatorProperties.class);
				assertThat(props.seed()).isEqualTo(9);
				assertThat(props.users()).isEqualTo(60);
				assertThat(props.enforceRateLimits()).isTrue();
				assertThat(props.workspaceId()).isEqualTo(SimulatorProperties.DEFAULT_WORKSPACE_ID);
				assertThat(context.getBean(SimulatedWorkspace.class).expectedCounts().conversations()).isEqualTo(120);
			});
	}

}
