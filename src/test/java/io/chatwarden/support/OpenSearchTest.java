package io.chatwarden.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the application against the shared real OpenSearch. Each test
 * class sets its own {@code chatwarden.store.index-prefix} so classes do not see each
 * other's data.
 */
public abstract class OpenSearchTest {

	@DynamicPropertySource
	static void openSearch(DynamicPropertyRegistry registry) {
		registry.add("opensearch.uris", SharedOpenSearch::uri);
		SharedOpenSearch.registerCredentials(registry);
	}

}
