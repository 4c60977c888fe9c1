package io.chatwarden.system;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * One observation per GraphQL request ({@code graphql.request}: timer and errors), none
 * per data fetcher. Spring's default also times every non-trivial field, and a search
 * page resolves one such field per hit: twenty timers started, tagged and looked up per
 * search, for metrics nothing reads.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlObservations {

	@Bean
	GraphQlObservationInstrumentation graphQlObservationInstrumentation(ObservationRegistry registry) {
		return new RequestOnly(registry);
	}

	static final class RequestOnly extends GraphQlObservationInstrumentation {

		RequestOnly(ObservationRegistry registry) {
			super(registry);
		}

		@Override
		public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
				InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
			return dataFetcher;
		}

	}

}
