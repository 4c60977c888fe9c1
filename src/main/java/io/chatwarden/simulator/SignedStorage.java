package io.chatwarden.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A stand-in for blob storage behind pre-signed URLs (S3, Azure Blob), on its own
 * loopback port, so a client sees a second origin as it does against the real API. A blob
 * is served only under the unguessable path {@link #sign} returns, until it expires. Like
 * S3, it refuses any request that carries an {@code Authorization} header: the signed URL
 * is the credential, and a client forwarding its bearer token here would hand its key to
 * a third party. Such requests are counted ({@link #bearerAttempts()}) so tests can
 * assert none happened. Blobs can be {@linkplain #store stored}: written once to this
 * storage's own folder and sent from disk on each download, as an object store serves
 * what was uploaded.
 */
public final class SignedStorage implements AutoCloseable {

	private static final String PREFIX = "/blobs/";

	private final SecureRandom random = new SecureRandom();

	private final byte[] key = new byte[32];

	private final Map<String, Blob> blobs = new ConcurrentHashMap<>();

	private final AtomicLong bearerAttempts = new AtomicLong();

	private final AtomicLong downloads = new AtomicLong();

	private final Clock clock;

	private final DisposableServer server;

	private Path folder;

	private SignedStorage(Clock clock) {
		this.clock = clock;
		this.random.nextBytes(this.key);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(SimulatorServer.LOOPS)
			.route((routes) -> routes.get(PREFIX + "**", this::serve))
			.bindNow();
	}

	/** Starts on a free loopback port. */
	public static SignedStorage start(Clock clock) {
		return new SignedStorage(clock);
	}

	/** {@code http://127.0.0.1:<port>} */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * A URL that serves the blob for {@code ttl}: {@code content} is called on each
	 * download, so content can be generated and streamed.
	 */
	public URI sign(String blobName, Content content, Duration ttl) {
		prune();
		byte[] id = new byte[16];
		this.random.nextBytes(id);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		long expires = this.clock.instant().plus(ttl).getEpochSecond();
		this.blobs.put(token, new Blob(blobName, content, expires));
		String name = URLEncoder.encode(blobName, StandardCharsets.UTF_8).replace("+", "%20");
		return URI.create(baseUrl() + PREFIX + token + "/" + name + "?se=" + expires + "&sig="
				+ signature(token, blobName, expires));
	}

	/** A URL for fixed bytes. */
	public URI sign(String blobName, String contentType, byte[] bytes, Duration ttl) {
		return sign(blobName, Content.of(contentType, bytes), ttl);
	}

	/**
	 * Keeps bytes as a stored blob: a file in this storage's folder (made on first use,
	 * deleted on {@link #close} or when the JVM exits), so that each download sends it
	 * from disk instead of the bytes being made or held again.
	 */
	public Content store(String contentType, byte[] bytes) {
		try {
			Path file = Files.write(Files.createTempFile(folder(), "blob", ".bin"), bytes);
			file.toFile().deleteOnExit();
			return new Content(contentType, bytes.length, null, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private synchronized Path folder() throws IOException {
		if (this.folder == null) {
			this.folder = Files.createTempDirectory("chatwarden-simulator-blobs");
			// Also when a storage is never closed (a test's static simulator): the
			// folder's files, registered after it, are deleted before it.
			this.folder.toFile().deleteOnExit();
		}
		return this.folder;
	}

	/** Requests that carried an {@code Authorization} header (each one refused). */
	public long bearerAttempts() {
		return this.bearerAttempts.get();
	}

	/** Downloads served in full or in part (200 answers). */
	public long downloads() {
		return this.downloads.get();
	}

	private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
		if (request.requestHeaders().contains(HttpHeaderNames.AUTHORIZATION)) {
			this.bearerAttempts.incrementAndGet();
			return error(response, HttpResponseStatus.BAD_REQUEST, "InvalidArgument",
					"Only one auth mechanism allowed; the signed URL already carries one");
		}
		QueryStringDecoder query = new QueryStringDecoder(request.uri());
		String[] parts = query.path().substring(PREFIX.length()).split("/", 2);
		Blob blob = this.blobs.get(parts[0]);
		String name = (parts.length < 2) ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
		long expires = parseLong(first(query, "se"));
		if (blob == null || !blob.name.equals(name) || expires != blob.expires
				|| !constantTimeEquals(first(query, "sig"), signature(parts[0], name, expires))) {
			return error(response, HttpResponseStatus.FORBIDDEN, "AuthenticationFailed", "Signature does not match");
		}
		if (this.clock.instant().getEpochSecond() >= expires) {
			return error(response, HttpResponseStatus.FORBIDDEN, "AuthenticationFailed", "Request has expired");
		}
		this.downloads.incrementAndGet();
		response.status(HttpResponseStatus.OK).header(HttpHeaderNames.CONTENT_TYPE, blob.content.contentType());
		if (blob.content.size() >= 0) {
			response.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(blob.content.size()));
		}
		if (blob.content.file() != null) {
			return response.sendFile(blob.content.file(), 0, blob.content.size());
		}
		return response.send(Flux.from(blob.content.body().get()).map(Unpooled::wrappedBuffer));
	}

	private static Mono<Void> error(HttpServerResponse response, HttpResponseStatus status, String code,
			String message) {
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
				+ "</Message></Error>";
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/xml")
			.sendString(Mono.just(xml))
			.then();
	}

	private void prune() {
		long now = this.clock.instant().getEpochSecond();
		this.blobs.values().removeIf((blob) -> blob.expires < now - 60);
	}

	private String signature(String token, String name, long expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			byte[] sig = mac.doFinal((token + "\n" + name + "\n" + expires).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sig);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	private static String first(QueryStringDecoder query, String name) {
		var values = query.parameters().get(name);
		return (values == null || values.isEmpty()) ? "" : values.get(0);
	}

	private static long parseLong(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** When the signature of a blob ends, for tests that move a clock. */
	Instant expiry(URI signed) {
		return Instant.ofEpochSecond(parseLong(new QueryStringDecoder(signed).parameters().get("se").get(0)));
	}

	@Override
	public void close() {
		this.server.disposeNow();
		Path stored;
		synchronized (this) {
			stored = this.folder;
			this.folder = null;
		}
		if (stored != null) {
			try (var tree = Files.walk(stored)) {
				tree.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private record Blob(String name, Content content, long expires) {
	}

	/**
	 * What a blob serves: a content type, its size in bytes when known (-1 when not, then
	 * it is sent chunked), and either the bytes, produced anew for each download, or the
	 * file they were {@linkplain #store stored} in.
	 */
	public record Content(String contentType, long size, Supplier<Publisher<ByteBuffer>> body, Path file) {

		public static Content of(String contentType, byte[] bytes) {
			return new Content(contentType, bytes.length, () -> Mono.just(ByteBuffer.wrap(bytes)), null);
		}

		public static Content streamed(String contentType, Supplier<Publisher<ByteBuffer>> body) {
			return new Content(contentType, -1, body, null);
		}

	}

}
