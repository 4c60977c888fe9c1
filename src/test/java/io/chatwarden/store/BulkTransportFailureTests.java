package io.chatwarden.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.chatwarden.store.BulkWriter.BulkOp;
import io.chatwarden.support.OpenSearchTest;
import io.chatwarden.support.SharedOpenSearch;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.TransportException;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A whole {@code _bulk} request that fails raises what the typed client raised, so the
 * sync's hold tells a store that is away from a real error as before: a node that is down
 * or answers 503 is unavailable, a refused credential is an I/O failure naming it.
 */
@SpringBootTest(properties = { "chatwarden.store.index-prefix=cw-bulk-fail", "chatwarden.sync.enabled=false" })
class BulkTransportFailureTests extends OpenSearchTest {

	static final List<BulkOp> ops = List.of(new BulkOp("cw-bulk-fail-users", "u-1", Map.of("id", "u-1")));

	@Autowired
	TimePartitions partitions;

	@Test
	void shouldRaiseAnUnavailableStoreWhenNoNodeListens() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		Throwable failure = write("http://127.0.0.1:" + port, null);
		assertThat(StoreFailures.unavailable(failure)).as(failure.toString()).isTrue();
	}

	@Test
	void shouldRaiseAnUnavailableStoreWhenTheNodeAnswers503() throws Exception {
		HttpServer node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		node.createContext("/", exchange -> {
			byte[] body = "{\"error\":{\"type\":\"unavailable\",\"reason\":\"starting\"},\"status\":503}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(503, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		node.start();
		try {
			Throwable failure = write("http://127.0.0.1:" + node.getAddress().getPort(), null);
			assertThat(StoreFailures.unavailable(failure)).as(failure.toString()).isTrue();
			assertThat(cause(failure, ResponseException.class).status()).isEqualTo(503);
		}
		finally {
			node.stop(0);
		}
	}

	@Test
	void shouldRaiseTheRefusedCredentialAsTheTypedClientDid() throws Exception {
		assumeTrue(SharedOpenSearch.credentials() != null, "the shared node asks for a credential");
		Throwable failure = write(SharedOpenSearch.uri(), "Basic d3Jvbmc6d3Jvbmc=");
		assertThat(StoreFailures.unavailable(failure)).as(failure.toString()).isFalse();
		assertThat(cause(failure, TransportException.class)).hasMessageContaining("Unauthorized");
		assertThat(cause(failure, ResponseException.class).status()).isEqualTo(401);
	}

	/** What a write through a node at this address fails with, after its retries. */
	private Throwable write(String uri, String authorization) throws IOException {
		URI node = URI.create(uri);
		ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder
			.builder(new HttpHost(node.getScheme(), node.getHost(), node.getPort()))
			.setMapper(new JacksonJsonpMapper(OpenSearchConfiguration.documentMapper()));
		if (authorization != null) {
			builder.setDefaultHeaders(new Header[] { new BasicHeader(HttpHeaders.AUTHORIZATION, authorization) });
		}
		try (OpenSearchTransport transport = builder.build()) {
			BulkWriter writer = new BulkWriter(new OpenSearchGenericClient(transport), this.partitions);
			Throwable failure = catchThrowable(() -> writer.write(ops).block(Duration.ofMinutes(1)));
			assertThat(failure).isNotNull();
			return failure;
		}
	}

	private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

}
