package io.chatwarden.store;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials written into a cluster URI never reach a log line. */
class OpenSearchPropertiesTests {

	@Test
	void shouldMaskCredentialsInsideUris() {
		OpenSearchProperties properties = new OpenSearchProperties(
				List.of(URI.create("https://chatwarden:Planted-Pass-9@search.internal:9200")), null, "Other-Pass-7",
				null, null, null);
		assertThat(properties.toString()).doesNotContain("Planted-Pass-9")
			.doesNotContain("Other-Pass-7")
			.contains("https://***@search.internal:9200");
	}

}
