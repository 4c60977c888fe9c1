package io.chatwarden.simulator;

import io.chatwarden.support.MovableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

class SignedStorageTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));

	private final SignedStorage storage = SignedStorage.start(this.clock);

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void close() {
		this.storage.close();
	}

	@Test
	void servesSignedBlobWithTypeAndLength() throws Exception {
		URI uri = this.storage.sign("a b.jsonl", "application/jsonl", "line\n".getBytes(StandardCharsets.UTF_8),
				Duration.ofMinutes(5));
		assertThat(uri.toString()).startsWith(this.storage.baseUrl());
		HttpResponse<String> response = get(uri, null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("line\n");
		assertThat(response.headers().firstValue("content-type")).hasValue("application/jsonl");
		assertThat(response.headers().firstValue("content-length")).hasValue("5");
		assertThat(this.storage.downloads()).isEqualTo(1);
		assertThat(this.storage.bearerAttempts()).isZero();
	}

	@Test
	void streamsContentProducedPerDownload() throws Exception {
		URI uri = this.storage.sign("big.txt", SignedStorage.Content.streamed("text/plain",
				() -> Flux.range(0, 1000).map((i) -> ByteBuffer.wrap((i + "\n").getBytes(StandardCharsets.UTF_8)))),
				Duration.ofMinutes(5));
		assertThat(get(uri, null).body().lines().count()).isEqualTo(1000);
		assertThat(get(uri, null).body().lines().count()).isEqualTo(1000);
	}

	@Test
	void servesStoredBlobFromItsFileUntilClosed() throws Exception {
		byte[] bytes = "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
		SignedStorage.Content stored = this.storage.store("application/jsonl", bytes);
		assertThat(stored.file()).exists().hasBinaryContent(bytes);
		URI uri = this.storage.sign("f.jsonl", stored, Duration.ofMinutes(5));
		for (int download = 0; download < 2; download++) {
			HttpResponse<String> response = get(uri, null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
			assertThat(response.headers().firstValue("content-length")).hasValue(Integer.toString(bytes.length));
		}
		assertThat(get(uri, "Bearer sk-secret").statusCode()).isEqualTo(400);
		this.storage.close();
		assertThat(stored.file()).doesNotExist();
		assertThat(stored.file().getParent()).doesNotExist();
	}

	@Test
	void refusesAndCountsBearerToken() throws Exception {
		URI uri = this.storage.sign("f", "text/plain", new byte[] { 1 }, Duration.ofMinutes(5));
		HttpResponse<String> response = get(uri, "Bearer sk-secret");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("sk-secret");
		assertThat(this.storage.bearerAttempts()).isEqualTo(1);
		assertThat(this.storage.downloads()).isZero();
	}

	@Test
	void refusesExpiredTamperedAndGuessedUrls() throws Exception {
		URI uri = this.storage.sign("f", "text/plain", new byte[] { 1 }, Duration.ofMinutes(5));
		String s = uri.toString();
		// Another first character of the signature (a fixed one would sometimes be the
		// same).
		char first = s.charAt(s.indexOf("sig=") + 4);
		String tampered = s.replace("sig=" + first, "sig=" + ((first == '0') ? '1' : '0'));
		assertThat(get(URI.create(tampered), null).statusCode()).isEqualTo(403);
		assertThat(get(URI.create(s.replace("/f?", "/g?")), null).statusCode()).isEqualTo(403);
		long se = Long.parseLong(s.replaceAll(".*se=(\\d+).*", "$1"));
		assertThat(get(URI.create(s.replace("se=" + se, "se=" + (se + 3600))), null).statusCode()).isEqualTo(403);
		assertThat(get(URI.create(this.storage.baseUrl() + "/blobs/guess/f"), null).statusCode()).isEqualTo(403);
		this.clock.advance(Duration.ofMinutes(6));
		HttpResponse<String> expired = get(uri, null);
		assertThat(expired.statusCode()).isEqualTo(403);
		assertThat(expired.body()).contains("expired");
	}

	private HttpResponse<String> get(URI uri, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A clock a test moves forward. */

}
