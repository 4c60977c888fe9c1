package io.chatwarden.store;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.transport.OpenSearchTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's client asks for answers as they are: a client that accepts gzip makes
 * OpenSearch compress every search and export page only for this side to inflate it
 * again, CPU on both ends for bytes that cross a local network.
 */
class UncompressedAnswersTests {

	@Test
	void shouldNotAskTheStoreToCompressItsAnswers() throws Exception {
		List<String> acceptEncodings = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			acceptEncodings.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")));
			byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		OpenSearchConfiguration configuration = new OpenSearchConfiguration();
		OpenSearchProperties properties = new OpenSearchProperties(
				List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())), null, null,
				Duration.ofSeconds(5), Duration.ofSeconds(5), null);
		try (OpenSearchTransport transport = configuration.openSearchTransport(properties,
				configuration.embeddedOpenSearchNode(properties))) {
			new OpenSearchGenericClient(transport).execute(Requests.builder().method("GET").endpoint("/").build())
				.close();
		}
		finally {
			server.stop(0);
		}
		assertThat(acceptEncodings).hasSize(1).allSatisfy(value -> assertThat(value).doesNotContain("gzip"));
	}

}
