package io.chatwarden.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Plain JSON requests, for the few admin calls (index installation, aliases) that typed
 * requests make awkward.
 */
@Component
public class RawRequests {

	private final OpenSearchGenericClient client;

	RawRequests(OpenSearchGenericClient client) {
		this.client = client;
	}

	public Mono<RawResponse> send(String method, String endpoint, String json) {
		return OpenSearchCalls.mono(() -> {
			Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(endpoint);
			if (json != null) {
				request.json(json);
			}
			return this.client.executeAsync(request.build());
		}).map(RawRequests::read);
	}

	/**
	 * A request whose answer is read as bytes, for large bodies parsed as a stream (no
	 * string copy); a status other than 2xx fails with {@code what} and the body.
	 */
	public Mono<byte[]> bytes(String method, String endpoint, String json, String what) {
		return OpenSearchCalls.mono(
				() -> this.client.executeAsync(Requests.builder().method(method).endpoint(endpoint).json(json).build()))
			.map(response -> {
				try (response) {
					byte[] body = response.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
					if (response.getStatus() < 200 || response.getStatus() >= 300) {
						new RawResponse(response.getStatus(), new String(body, StandardCharsets.UTF_8)).orFail(what);
					}
					return body;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
	}

	private static RawResponse read(Response response) {
		try (response) {
			String body = response.getBody().map(Body::bodyAsString).orElse("");
			return new RawResponse(response.getStatus(), body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Status and body of a plain request. */
	public record RawResponse(int status, String body) {

		public boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		public RawResponse orFail(String what) {
			if (!ok()) {
				throw new IllegalStateException(what + " failed with " + this.status + ": " + abbreviate(this.body));
			}
			return this;
		}

		private static String abbreviate(String text) {
			return text.length() > 500 ? text.substring(0, 500) + "…" : text;
		}

	}

}
