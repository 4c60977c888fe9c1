package io.chatwarden.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.chatwarden.simulator.LogCatalog.LogFile;
import io.chatwarden.simulator.LogCatalog.Page;
import io.chatwarden.simulator.Responses.BadParameter;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Compliance Logs Platform: {@code GET …/logs} lists files after an ISO time (the
 * boundary file comes again, an empty page has a null {@code last_end_time}), {@code GET
 * …/logs/{id}} answers 307 to a signed URL that the simulator serves itself as JSON
 * Lines, one line at a time.
 */
final class LogsHandlers {

	/** The organization principal the simulator also answers for. */
	static final String ORGANIZATION_ID = "org-chatwardenSimulator";

	static final String FILES = "/simulator/files/logs/{file_id}";

	private final SimulatedWorkspace workspace;

	private final SimulatorFaults faults;

	private volatile LogCatalog catalog;

	LogsHandlers(SimulatedWorkspace workspace, SimulatorFaults faults) {
		this.workspace = workspace;
		this.faults = faults;
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
		Page page = catalog().list(type, after, limit);
		ObjectNode body = Json.object();
		ArrayNode data = body.putArray("data");
		page.files().forEach((file) -> data.addObject().put("id", file.id()));
		body.put("has_more", page.hasMore());
		if (page.files().isEmpty()) {
			body.putNull("last_end_time");
		}
		else {
			body.put("last_end_time", page.files().get(page.files().size() - 1).endTime().toString());
		}
		return Responses.json(body);
	}

	Mono<ServerResponse> file(ServerRequest request) {
		LogFile file = catalog().file(request.pathVariable("file_id"));
		if (file == null) {
			return Responses.notFound("No log file found with id " + request.pathVariable("file_id"));
		}
		URI signed = request.uriBuilder()
			.replacePath(FILES)
			.replaceQuery("sig=" + Integer.toHexString(file.id().hashCode()))
			.build(file.id());
		return ServerResponse.status(HttpStatus.TEMPORARY_REDIRECT).location(signed).build();
	}

	/** The signed URL: no bearer token, a signature instead. */
	Mono<ServerResponse> content(ServerRequest request) {
		LogFile file = catalog().file(request.pathVariable("file_id"));
		String sig = request.queryParam("sig").orElse("");
		if (file == null || !sig.equals(Integer.toHexString(file.id().hashCode()))) {
			return Responses.error(HttpStatus.FORBIDDEN, "Signature does not match", "invalid_request_error", null,
					null);
		}
		int cutAfter = this.faults.nextDownloadCut();
		Flux<DataBuffer> lines = Mono.fromCallable(file::read)
			.subscribeOn(Schedulers.parallel())
			.flatMapMany(Flux::fromIterable)
			.index()
			.concatMap((indexed) -> {
				if (cutAfter >= 0 && indexed.getT1() >= cutAfter) {
					return Mono.error(new IllegalStateException("simulated interrupted download"));
				}
				byte[] line = (indexed.getT2().toString() + "\n").getBytes(StandardCharsets.UTF_8);
				return Mono.just(DefaultDataBufferFactory.sharedInstance.wrap(line));
			});
		return ServerResponse.ok()
			.contentType(MediaType.parseMediaType("application/jsonl"))
			.body((message, context) -> message.writeWith(lines));
	}

	private LogCatalog catalog() {
		LogCatalog current = this.catalog;
		if (current == null) {
			synchronized (this) {
				if (this.catalog == null) {
					this.catalog = new LogCatalog(this.workspace);
				}
				current = this.catalog;
			}
		}
		return current;
	}

}
