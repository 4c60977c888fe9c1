package io.chatwarden.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.chatwarden.store.NodeCredentials;

/**
 * Plain REST calls to an OpenSearch node, for tests that look at the cluster from outside
 * the app (the app runs in other processes).
 */
public final class ClusterHttp {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final NodeCredentials credentials;

	/**
	 * @param base the node's URI
	 * @param credentials what the node needs on every request, or null
	 */
	public ClusterHttp(String base, NodeCredentials credentials) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.credentials = credentials;
	}

	/** The answer's JSON, or a missing node when the status is not 2xx. */
	public JsonNode send(String method, String path, String body) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
				.timeout(Duration.ofMinutes(2))
				.header("Content-Type", "application/json")
				.method(method,
						body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			if (this.credentials != null) {
				request.header("Authorization", this.credentials.authorization());
			}
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				return MissingNode.getInstance();
			}
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			return MissingNode.getInstance();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public JsonNode get(String path) {
		return send("GET", path, null);
	}

	/** Documents in an index or alias, after a refresh; -1 when it does not answer. */
	public long count(String index) {
		send("POST", "/" + index + "/_refresh", null);
		JsonNode count = get("/" + index + "/_count");
		return count.isMissingNode() ? -1 : count.path("count").asLong();
	}

	/** The stored source of a document, or a missing node. */
	public JsonNode source(String index, String id) {
		return get("/" + index + "/_doc/" + id).path("_source");
	}

	/** Throws unless the call answered 2xx. */
	public JsonNode must(String method, String path, String body) {
		JsonNode answer = send(method, path, body);
		if (answer.isMissingNode()) {
			throw new IllegalStateException(method + " " + path + " failed");
		}
		return answer;
	}

}
