package io.chatwarden.openai;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The HTTP side shared by both clients: bearer auth, rate limit, timeout, retries with
 * backoff, list envelopes, and error messages that never carry the key.
 */
final class OpenAiHttp {

	private static final Logger log = LoggerFactory.getLogger(OpenAiHttp.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	// A server asking for a longer pause than this is treated as broken, not obeyed.
	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

	private static final int MAX_SERVER_MESSAGE = 300;

	private static final Pattern SECRET_LIKE = Pattern.compile("(sk-[A-Za-z0-9_\\-]{4,}|Bearer\\s+\\S+)");

	private final HttpSettings settings;

	private final WebClient webClient;

	private final WebClient downloads;

	private final WebClient redirects;

	private final RateLimiter limiter;

	private final ClientErrors errors;

	OpenAiHttp(HttpSettings settings, WebClient.Builder builder, ClientErrors errors) {
		this.settings = settings;
		this.errors = errors;
		this.limiter = new RateLimiter(settings.listCallsPerMinute(), Duration.ofMinutes(1));
		int maxBytes = (int) settings.maxResponseSize().toBytes();
		this.webClient = builder.clone()
			.baseUrl(settings.baseUrl())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxBytes))
			.defaultHeader(HttpHeaders.USER_AGENT, "chatwarden")
			.build();
		this.downloads = builder.clone().defaultHeader(HttpHeaders.USER_AGENT, "chatwarden").build();
		// Boot's clients follow redirects by default; the file endpoint's 307 must be
		// seen, so that the signed URL is read without the key.
		this.redirects = builder.clone()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().followRedirect(false)))
			.baseUrl(settings.baseUrl())
			.defaultHeader(HttpHeaders.USER_AGENT, "chatwarden")
			.build();
	}

	/**
	 * GETs one page of a list endpoint.
	 * @param template the path under the base URL, with {@code {name}} variables; also
	 * the rate-limit bucket
	 * @param pathVariables values of the template's variables
	 * @param query query parameters in order; null values are left out
	 */
	Mono<ApiPage> getPage(String template, Map<String, ?> pathVariables, Map<String, ?> query) {
		return getJson(template, pathVariables, query, (body, path) -> toPage(body, path));
	}

	/**
	 * GETs a JSON body and maps it inside the retried attempt, so that a body the mapper
	 * refuses fails the call like a bad envelope does.
	 */
	<T> Mono<T> getJson(String template, Map<String, ?> pathVariables, Map<String, ?> query,
			java.util.function.BiFunction<JsonNode, String, T> mapper) {
		return Mono.defer(() -> {
			if (this.settings.apiKey() == null || this.settings.apiKey().isBlank()) {
				return Mono.error(new OpenAiApiException(0, this.settings.prefix() + ".api-key is not set: the "
						+ this.settings.apiName() + " cannot be called"));
			}
			String path = UriComponentsBuilder.fromPath(template).buildAndExpand(pathVariables).encode().getPath();
			Mono<T> attempt = this.limiter.acquire(template)
				.then(Mono.defer(() -> exchange(template, pathVariables, query, path)))
				.map((body) -> mapper.apply(body, path));
			return attempt.retryWhen(retry(path));
		});
	}

	/**
	 * GETs a file that the API serves as a redirect to a signed URL: the redirect is
	 * asked for with the key (and retried like any call), the signed URL is then read
	 * without it, as a stream of buffers the caller releases.
	 */
	Flux<DataBuffer> download(String template, Map<String, ?> pathVariables) {
		return download(template, pathVariables, Map.of());
	}

	/** {@link #download(String, Map)} with query parameters on the API request. */
	Flux<DataBuffer> download(String template, Map<String, ?> pathVariables, Map<String, String> query) {
		return Mono.defer(() -> {
			String path = UriComponentsBuilder.fromPath(template).buildAndExpand(pathVariables).encode().getPath();
			Mono<URI> location = this.limiter.acquire(template)
				.then(Mono.defer(() -> this.redirects.get().uri((uri) -> {
					uri.path(template);
					query.forEach((name, value) -> uri.queryParam(name, value));
					return uri.build(pathVariables);
				})
					.headers((headers) -> headers.setBearerAuth(this.settings.apiKey()))
					.exchangeToMono((response) -> redirect(response, path))
					.timeout(this.settings.timeout())
					.onErrorMap((failure) -> translate(failure, path))))
				.retryWhen(retry(path));
			return location.map((uri) -> new Download(uri, path));
		}).flatMapMany(this::stream);
	}

	private Mono<URI> redirect(ClientResponse response, String path) {
		int status = response.statusCode().value();
		String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
		if (response.statusCode().is3xxRedirection() && location != null) {
			return response.releaseBody().thenReturn(URI.create(location));
		}
		return response.bodyToMono(String.class)
			.onErrorReturn("")
			.defaultIfEmpty("")
			.flatMap((body) -> Mono.error((status == 200)
					? new OpenAiApiException(status,
							this.settings.apiName() + " GET " + path
									+ " answered 200 instead of a redirect to the file")
					: failure(status, response.headers().asHttpHeaders(), body, path)));
	}

	private Flux<DataBuffer> stream(Download download) {
		// A plain client: the signed URL carries its own authorization and must not get
		// the key, which would leak it to the file host.
		return this.downloads.get().uri(download.uri()).exchangeToFlux((response) -> {
			if (!response.statusCode().is2xxSuccessful()) {
				int status = response.statusCode().value();
				return response.releaseBody()
					.then(Mono.<DataBuffer>error(new SignedUrlRefusedException(status,
							this.settings.apiName() + " file of GET " + download.path()
									+ ": the signed URL answered HTTP " + status)))
					.flux();
			}
			return response.bodyToFlux(DataBuffer.class);
		})
			.timeout(this.settings.timeout())
			.onErrorMap((failure) -> !(failure instanceof OpenAiApiException),
					(failure) -> new OpenAiApiException(0, this.settings.apiName() + " file of GET " + download.path()
							+ " was interrupted: " + scrub(rootCause(failure).toString()), failure));
	}

	private record Download(URI uri, String path) {
	}

	private Mono<JsonNode> exchange(String template, Map<String, ?> pathVariables, Map<String, ?> query, String path) {
		Map<String, Object> variables = new HashMap<>(pathVariables);
		return this.webClient.get().uri((uri) -> {
			uri.path(template);
			// Values go in as variables so that they are encoded strictly (a cursor may
			// hold '+' or '&').
			query.forEach((name, value) -> {
				if (value != null) {
					uri.queryParam(name, "{" + name + "}");
					variables.put(name, value);
				}
			});
			return uri.build(variables);
		})
			.headers((headers) -> headers.setBearerAuth(this.settings.apiKey()))
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> read(response, path))
			.timeout(this.settings.timeout())
			.onErrorMap((failure) -> translate(failure, path));
	}

	private Mono<JsonNode> read(ClientResponse response, String path) {
		int status = response.statusCode().value();
		if (response.statusCode().is2xxSuccessful()) {
			return response.bodyToMono(JsonNode.class)
				.switchIfEmpty(Mono.error(() -> new OpenAiApiException(status,
						this.settings.apiName() + " GET " + path + " answered HTTP " + status + " with no body")));
		}
		return response.bodyToMono(String.class)
			.onErrorReturn("")
			.defaultIfEmpty("")
			.flatMap((body) -> Mono.error(failure(status, response.headers().asHttpHeaders(), body, path)));
	}

	private RuntimeException failure(int status, HttpHeaders headers, String body, String path) {
		String serverMessage = serverMessage(body);
		if (status == HttpStatus.TOO_MANY_REQUESTS.value() || status == HttpStatus.REQUEST_TIMEOUT.value()
				|| status >= 500) {
			String reason = "HTTP " + status + ((serverMessage != null) ? " (" + serverMessage + ")" : "");
			return new RetryableFailure(status, retryAfter(headers), reason);
		}
		if (status >= 400) {
			return new OpenAiApiException(status, this.errors.describe(status, path, serverMessage));
		}
		return new OpenAiApiException(status,
				this.settings.apiName() + " GET " + path + " answered unexpected HTTP " + status);
	}

	private Throwable translate(Throwable failure, String path) {
		if (failure instanceof OpenAiApiException || failure instanceof RetryableFailure) {
			return failure;
		}
		if (failure instanceof TimeoutException) {
			return new RetryableFailure(0, null, "no response within " + this.settings.timeout());
		}
		if (causedBy(failure, DataBufferLimitException.class)) {
			return new OpenAiApiException(200,
					this.settings.apiName() + " GET " + path + " answered with a body larger than "
							+ this.settings.prefix() + ".max-response-size (" + this.settings.maxResponseSize()
							+ "): raise it, or lower the page size",
					failure);
		}
		if (failure instanceof DecodingException) {
			return new OpenAiApiException(200,
					this.settings.apiName() + " GET " + path + " answered with a body that is not JSON", failure);
		}
		if (failure instanceof WebClientRequestException || causedBy(failure, IOException.class)) {
			Throwable root = rootCause(failure);
			return new RetryableFailure(0, null, "connection failed: " + scrub(
					root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "")));
		}
		return failure;
	}

	private Retry retry(String path) {
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			if (!(signal.failure() instanceof RetryableFailure failure)) {
				return Mono.error(signal.failure());
			}
			long attempts = signal.totalRetries() + 1;
			if (attempts >= this.settings.maxAttempts()) {
				return Mono.error(new OpenAiApiException(failure.status, this.settings.apiName() + " GET " + path
						+ " still failing after " + attempts + " attempts: " + failure.getMessage()));
			}
			Duration delay = (failure.retryAfter != null) ? failure.retryAfter : backoff(attempts);
			log.warn("{} GET {}: {}; retrying in {} ms (attempt {} of {})", this.settings.apiName(), path,
					failure.getMessage(), delay.toMillis(), attempts + 1, this.settings.maxAttempts());
			return Mono.delay(delay);
		}));
	}

	/** Exponential backoff with full jitter between the configured bounds. */
	private Duration backoff(long attempts) {
		long min = this.settings.minBackoff().toMillis();
		long max = this.settings.maxBackoff().toMillis();
		long ceiling = (attempts >= 30) ? max : Math.min(max, min << (attempts - 1));
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(min, Math.max(min, ceiling) + 1));
	}

	private ApiPage toPage(JsonNode body, String path) {
		JsonNode data = body.get("data");
		if (!body.isObject() || data == null || !data.isArray()) {
			throw new OpenAiApiException(200,
					this.settings.apiName() + " GET " + path + " answered with no list envelope (no 'data' array)");
		}
		List<JsonNode> records = new ArrayList<>(data.size());
		data.forEach(records::add);
		String lastId = text(body.get("last_id"));
		if (lastId == null && !records.isEmpty()) {
			lastId = text(records.getLast().get("id"));
		}
		JsonNode hasMoreNode = body.get("has_more");
		boolean hasMore = hasMoreNode != null && hasMoreNode.asBoolean(false);
		if (hasMore && lastId == null) {
			// Following such a page would ask for the first page again, forever.
			throw new OpenAiApiException(200, this.settings.apiName() + " GET " + path
					+ " says more records follow (has_more) but gives no cursor (last_id)");
		}
		return new ApiPage(records, lastId, hasMore);
	}

	private static String text(JsonNode node) {
		if (node == null || !node.isValueNode() || node.isNull()) {
			return null;
		}
		String value = node.asString();
		return value.isBlank() ? null : value;
	}

	/** The server's {@code error.message}, shortened, with anything key-like masked. */
	private String serverMessage(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		String message;
		try {
			JsonNode node = json.readTree(body);
			message = text(node.path("error").path("message"));
			if (message == null) {
				message = text(node.path("message"));
			}
		}
		catch (RuntimeException ex) {
			// Not JSON (a proxy's HTML page): say nothing rather than dump the page.
			return null;
		}
		if (message == null) {
			return null;
		}
		message = scrub(message.strip());
		return (message.length() > MAX_SERVER_MESSAGE) ? message.substring(0, MAX_SERVER_MESSAGE) + "…" : message;
	}

	private String scrub(String text) {
		String key = this.settings.apiKey();
		String scrubbed = (key != null && !key.isBlank()) ? text.replace(key, "***") : text;
		return SECRET_LIKE.matcher(scrubbed).replaceAll("***");
	}

	static Duration retryAfter(HttpHeaders headers) {
		String millis = headers.getFirst("retry-after-ms");
		String value = (millis != null) ? millis : headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		Duration delay;
		try {
			double amount = Double.parseDouble(value.strip());
			if (!(amount >= 0)) {
				return null;
			}
			delay = Duration.ofMillis((long) Math.ceil((millis != null) ? amount : amount * 1000));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				delay = Duration.between(Instant.now(), at);
			}
			catch (DateTimeParseException notDate) {
				return null;
			}
		}
		if (delay.isNegative()) {
			return Duration.ZERO;
		}
		return (delay.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : delay;
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	/** How a client words a 4xx that retrying cannot fix. */
	@FunctionalInterface
	interface ClientErrors {

		/**
		 * @param serverMessage the server's {@code error.message}, shortened and masked,
		 * or null
		 */
		String describe(int status, String path, String serverMessage);

	}

	/**
	 * A failure worth another attempt; becomes an {@link OpenAiApiException} when they
	 * run out.
	 */
	private static final class RetryableFailure extends RuntimeException {

		private final int status;

		private final Duration retryAfter;

		RetryableFailure(int status, Duration retryAfter, String reason) {
			super(reason, null, false, false);
			this.status = status;
			this.retryAfter = retryAfter;
		}

	}

}
