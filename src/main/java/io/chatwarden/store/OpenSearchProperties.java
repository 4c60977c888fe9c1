package io.chatwarden.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where OpenSearch is. With no {@code uris} the app runs its own embedded node, with a
 * generated credential in place of {@code username}/{@code password}.
 *
 * @param uris external cluster nodes, e.g. {@code https://search.internal:9200}; empty
 * means embedded
 * @param username basic-auth user for an external cluster
 * @param password basic-auth password (secret: never logged)
 * @param connectTimeout how long to wait for a connection
 * @param socketTimeout how long to wait for a response
 * @param embedded settings of the embedded node
 */
@ConfigurationProperties("opensearch")
public record OpenSearchProperties(@DefaultValue List<URI> uris, String username, String password,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("60s") Duration socketTimeout,
		@DefaultValue Embedded embedded) {

	public boolean useEmbedded() {
		return this.uris == null || this.uris.isEmpty();
	}

	/** The configured Basic credential of an external cluster, or null. */
	public NodeCredentials credentials() {
		return this.username == null ? null : new NodeCredentials(this.username, this.password);
	}

	@Override
	public String toString() {
		return "OpenSearchProperties[uris="
				+ (this.uris == null ? null : this.uris.stream().map(OpenSearchProperties::masked).toList())
				+ ", username=" + this.username + ", password=" + (this.password == null ? "unset" : "***") + "]";
	}

	/**
	 * A node URI fit for logs: credentials written into it
	 * ({@code https://user:secret@host}) are masked.
	 */
	public static String masked(URI uri) {
		if (uri == null || uri.getRawUserInfo() == null) {
			return String.valueOf(uri);
		}
		return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
	}

	/**
	 * The embedded node: the OpenSearch distribution published on Maven Central, started
	 * as a child process.
	 *
	 * @param version OpenSearch version to fetch
	 * @param repositoryUrl Maven repository serving
	 * {@code org.opensearch.distribution.integ-test-zip}
	 * @param home where the verified zip is cached (default {@code ~/.chatwarden})
	 * @param dataDir where the node keeps its data; default under the runtime folder
	 * @param httpPort HTTP port on 127.0.0.1; 0 picks a free one
	 * @param heap JVM heap of the node
	 * @param startupTimeout how long to wait for yellow health
	 */
	public record Embedded(@DefaultValue("3.6.0") String version,
			@DefaultValue("https://repo1.maven.org/maven2") String repositoryUrl, Path home, Path dataDir,
			@DefaultValue("0") int httpPort, @DefaultValue("512m") String heap,
			@DefaultValue("180s") Duration startupTimeout) {

		public Path homeOrDefault() {
			return this.home != null ? this.home : Path.of(System.getProperty("user.home"), ".chatwarden");
		}

	}

}
