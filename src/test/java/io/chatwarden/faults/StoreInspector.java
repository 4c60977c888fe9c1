package io.chatwarden.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatwarden.store.NodeCredentials;

/**
 * Reads the copy straight from OpenSearch, beside the app: how many distinct records
 * arrived, and how many documents more than that (doubles).
 */
final class StoreInspector {

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String uri;

	private final NodeCredentials credentials;

	StoreInspector(String uri, NodeCredentials credentials) {
		this.uri = uri;
		this.credentials = credentials;
	}

	/** Documents and distinct {@code id} values in an index (alias or pattern). */
	Tally tally(String index) {
		send("POST", "/" + index + "/_refresh", null);
		JsonNode answer = send("POST", "/" + index + "/_search?size=0",
				"{\"track_total_hits\":true,\"aggs\":{\"ids\":{\"cardinality\":{\"field\":\"id\",\"precision_threshold\":40000}}}}");
		return new Tally(answer.path("hits").path("total").path("value").asLong(),
				answer.path("aggregations").path("ids").path("value").asLong());
	}

	long count(String index) {
		send("POST", "/" + index + "/_refresh", null);
		return send("GET", "/" + index + "/_count", null).path("count").asLong();
	}

	/** What a full disk does to an index: writes refused with a cluster block. */
	void blockWrites(String index, boolean blocked) {
		send("PUT", "/" + index + "/_settings", "{\"index.blocks.write\":" + blocked + "}");
	}

	private JsonNode send(String method, String path, String body) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.uri + path))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/json")
				.header("Authorization", this.credentials.authorization())
				.method(method,
						body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Documents and distinct ids. */
	record Tally(long documents, long distinct) {

		long doubled() {
			return this.documents - this.distinct;
		}

	}

}
