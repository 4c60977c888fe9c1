package io.chatwarden.simulator;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the simulated workspace from the application when
 * {@code chatwarden.simulator.enabled}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("chatwarden.simulator.enabled")
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorConfiguration {

	@Bean
	SimulatedWorkspace simulatedWorkspace(SimulatorProperties properties, ObjectProvider<Clock> clock) {
		return new SimulatedWorkspace(properties, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	SimulatorFaults simulatorFaults() {
		return new SimulatorFaults();
	}

	/** Blob storage for log file downloads, on a second loopback port. */
	@Bean(destroyMethod = "close")
	SignedStorage simulatorSignedStorage(ObjectProvider<Clock> clock) {
		return SignedStorage.start(clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	RouterFunction<ServerResponse> simulatorRoutes(SimulatedWorkspace workspace, SimulatorFaults faults,
			SignedStorage storage) {
		return SimulatorRoutes.create(workspace, faults, storage);
	}

}
