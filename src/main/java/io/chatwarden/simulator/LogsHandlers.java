package io.chatwarden.simulator;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.chatwarden.simulator.LogCatalog.Digest;
import io.chatwarden.simulator.LogCatalog.LogFile;
import io.chatwarden.simulator.LogCatalog.Page;
import io.chatwarden.simulator.Responses.BadParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Compliance Logs Platform: {@code GET …/logs} lists files after an ISO time with
 * their metadata (end time, name, size, sha256; the boundary file comes again, an empty
 * page has a null {@code last_end_time}), {@code GET …/logs/{id}} answers 307 to a signed
 * URL on {@link SignedStorage}, another origin that refuses a bearer token.
 */
final class LogsHandlers {

	/** The organization principal the simulator also answers for. */
	static final String ORGANIZATION_ID = "org-chatwardenSimulator";

	private final SimulatedWorkspace workspace;

	private final SimulatorFaults faults;

	private final SignedStorage storage;

	private volatile LogCatalog catalog;

	LogsHandlers(SimulatedWorkspace workspace, SimulatorFaults faults, SignedStorage storage) {
		this.workspace = workspace;
		this.faults = faults;
		this.storage = storage;
	}

	/** Null when the path names this workspace or organization, else the 404. */
	Mono<ServerResponse> unknownPrincipal(ServerRequest request) {
		String kind = request.pathVariable("kind");
		String id = request.pathVariable("principal_id");
		boolean known = ("workspaces".equals(kind) && this.workspace.workspaceId().equals(id))
				|| ("organizations".equals(kind) && ORGANIZATION_ID.equals(id));
		if (!known) {
			return Responses.notFound("No " + kind + " principal found with id " + id);
		}
		if (this.faults.logsDisabled()) {
			return Responses.notFound("The Compliance Logs Platform is not enabled for this workspace");
		}
		return null;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		String type = request.queryParam("event_type")
			.filter((t) -> !t.isBlank())
			.orElseThrow(() -> new BadParameter("event_type", "event_type is required"));
		String afterRaw = request.queryParam("after")
			.orElseThrow(() -> new BadParameter("after", "after is required (ISO-8601 with a time zone)"));
		Instant after;
		try {
			after = OffsetDateTime.parse(afterRaw).toInstant();
		}
		catch (DateTimeException ex) {
			throw new BadParameter("after",
					"after must be an ISO-8601 time with a time zone, e.g. 2026-03-02T12:00:00Z");
		}
		int limit = Responses.intParam(request, "limit", 100, 1, 100, true);
		if (!LogCatalog.TYPES.contains(type)) {
			throw new BadParameter("event_type", "Unknown event_type " + type);
		}
		if (this.faults.failing(type)) {
			return Responses.error(HttpStatus.INTERNAL_SERVER_ERROR, "The server had an error listing " + type,
					"server_error", null, null);
		}
		LogCatalog catalog = catalog(request);
		String extra = this.faults.malformedLogLine();
		// Sizes and digests mean generating the files: real CPU work, off the event loop.
		return Mono.fromCallable(() -> page(catalog.list(type, after, limit), extra))
			.subscribeOn(SimulatorServer.WORK)
			.flatMap(Responses::json);
	}

	private static ObjectNode page(Page page, String extra) {
		ObjectNode body = Json.object();
		body.put("object", "list");
		ArrayNode data = body.putArray("data");
		for (LogFile file : page.files()) {
			Digest digest = (extra != null && file.first()) ? Digest.of(withLine(file.bytes(), extra)) : file.digest();
			data.addObject()
				.put("object", "compliance.log_file")
				.put("id", file.id())
				.put("event_type", file.eventType())
				.put("end_time", file.endTime().toString())
				.put("file_name", file.fileName())
				.put("file_size", digest.size())
				.put("file_sha256", digest.sha256());
		}
		body.put("has_more", page.hasMore());
		if (page.files().isEmpty()) {
			body.putNull("last_end_time");
		}
		else {
			body.put("last_end_time", page.files().get(page.files().size() - 1).endTime().toString());
		}
		return body;
	}

	Mono<ServerResponse> file(ServerRequest request) {
		LogFile file = catalog(request).file(request.pathVariable("file_id"));
		if (file == null) {
			return Responses.notFound("No log file found with id " + request.pathVariable("file_id"));
		}
		int cutAfter = this.faults.nextDownloadCut();
		boolean corrupt = this.faults.nextDownloadCorrupt();
		String extra = file.first() ? this.faults.malformedLogLine() : null;
		Duration ttl = this.faults.nextSignedUrlExpired() ? Duration.ZERO : Duration.ofMinutes(15);
		Mono<SignedStorage.Content> content = (cutAfter < 0 && !corrupt && extra == null)
				? Mono.fromCallable(file::content).subscribeOn(SimulatorServer.WORK) : Mono.just(SignedStorage.Content
					.streamed("application/jsonl", () -> lines(file, cutAfter, corrupt, extra)));
		return content.map((served) -> this.storage.sign(file.fileName(), served, ttl))
			.flatMap((signed) -> ServerResponse.status(HttpStatus.TEMPORARY_REDIRECT).location(signed).build());
	}

	/** The file one line at a time, cut or altered by a fault. */
	private static Flux<ByteBuffer> lines(LogFile file, int cutAfter, boolean corrupt, String extra) {
		return Mono.fromCallable(file::read)
			.subscribeOn(SimulatorServer.WORK)
			.flatMapMany(Flux::fromIterable)
			.map(Object::toString)
			.concatWith((extra != null) ? Mono.just(extra) : Mono.empty())
			.index()
			.concatMap((indexed) -> {
				if (cutAfter >= 0 && indexed.getT1() >= cutAfter) {
					return Mono.error(new IllegalStateException("simulated interrupted download"));
				}
				String line = indexed.getT2() + "\n";
				if (corrupt && indexed.getT1() == 0) {
					// Same length, other bytes: only the digest tells.
					line = line.replace('e', 'E');
				}
				return Mono.just(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
			});
	}

	private static byte[] withLine(byte[] bytes, String line) {
		byte[] extra = (line + "\n").getBytes(StandardCharsets.UTF_8);
		byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + extra.length);
		System.arraycopy(extra, 0, all, bytes.length, extra.length);
		return all;
	}

	/**
	 * The catalog, built at the first listing: the key that lists is the product's, and
	 * its own listing calls appear in the audit feed under that key's redacted id.
	 */
	private LogCatalog catalog(ServerRequest request) {
		LogCatalog current = this.catalog;
		if (current == null) {
			synchronized (this) {
				if (this.catalog == null) {
					String auth = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
					String key = (auth != null && auth.startsWith("Bearer ")) ? auth.substring(7) : "";
					this.catalog = new LogCatalog(this.workspace, this.storage, SimulatorProperties.redactedId(key));
				}
				current = this.catalog;
			}
		}
		return current;
	}

}
