package io.chatwarden.store;

import java.net.URI;
import java.util.List;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenSearch async client, against the configured cluster or an embedded node. */
@Configuration(proxyBeanMethods = false)
class OpenSearchConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedOpenSearchNode embeddedOpenSearchNode(OpenSearchProperties properties) {
		return new EmbeddedOpenSearchNode(properties);
	}

	@Bean(destroyMethod = "close")
	OpenSearchTransport openSearchTransport(OpenSearchProperties properties, EmbeddedOpenSearchNode embedded)
			throws Exception {
		EmbeddedOpenSearch node = properties.useEmbedded() ? embedded.start() : null;
		List<URI> uris = (node != null) ? List.of(node.uri()) : properties.uris();
		NodeCredentials credentials = (node != null) ? node.credentials() : properties.credentials();
		HttpHost[] hosts = uris.stream()
			.map(uri -> new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort()))
			.toArray(HttpHost[]::new);
		SSLContext ssl = SSLContext.getDefault();
		ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(hosts)
			.setMapper(new JacksonJsonpMapper(documentMapper()));
		if (credentials != null) {
			// Sent with every request rather than after a 401 challenge: no request
			// is made twice, and no request body needs replaying.
			builder.setDefaultHeaders(
					new Header[] { new BasicHeader(HttpHeaders.AUTHORIZATION, credentials.authorization()) });
		}
		return builder
			// No gzip: the HTTP client asks for it by default, and OpenSearch then
			// compresses every answer (every search, every export page) only for this
			// side to inflate it again: CPU on both ends and latency on each request,
			// for bytes that cross a local network.
			.setHttpClientConfigCallback(http -> http.disableContentCompression()
				.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
					.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(ssl).buildAsync())
					.setMaxConnTotal(32)
					.setMaxConnPerRoute(32)
					.build()))
			.setRequestConfigCallback(
					request -> request.setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
						.setResponseTimeout(Timeout.of(properties.socketTimeout())))
			.build();
	}

	@Bean
	OpenSearchAsyncClient openSearchAsyncClient(OpenSearchTransport transport) {
		return new OpenSearchAsyncClient(transport);
	}

	@Bean
	OpenSearchGenericClient openSearchGenericClient(OpenSearchTransport transport) {
		return new OpenSearchGenericClient(transport);
	}

	/**
	 * How documents are written to and read from indices: ISO instants, nulls left out.
	 */
	static ObjectMapper documentMapper() {
		return JsonMapper.builder()
			.addModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.serializationInclusion(JsonInclude.Include.NON_NULL)
			.build();
	}

	/**
	 * Starts the embedded node only when no cluster is configured, and stops it with the
	 * context.
	 */
	static final class EmbeddedOpenSearchNode implements AutoCloseable {

		private final OpenSearchProperties properties;

		private EmbeddedOpenSearch node;

		EmbeddedOpenSearchNode(OpenSearchProperties properties) {
			this.properties = properties;
		}

		synchronized EmbeddedOpenSearch start() {
			if (this.node == null) {
				OpenSearchProperties.Embedded embedded = this.properties.embedded();
				this.node = EmbeddedOpenSearch.start(embedded, embedded.dataDir());
			}
			return this.node;
		}

		@Override
		public synchronized void close() {
			if (this.node != null) {
				this.node.close();
			}
		}

	}

}
