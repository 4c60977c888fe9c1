package io.chatwarden.simulator;

import java.time.Duration;

import io.chatwarden.simulator.Responses.BadParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's HTTP surface, shared by the application bean and the standalone
 * {@link SimulatorServer}: {@code /simulator/compliance/v1}, {@code /simulator/admin/v1}
 * and the fault switch {@code POST /simulator/_faults}.
 */
public final class SimulatorRoutes {

	/** Base path of the Compliance API (use as its base URL). */
	public static final String COMPLIANCE_ROOT = "/simulator/compliance/v1";

	/** Base path of the Admin API (use as its base URL). */
	public static final String ADMIN_ROOT = "/simulator/admin/v1";

	/** The bearer token that authenticates but lacks every scope. */
	public static final String NO_SCOPE_TOKEN = "sk-no-scope";

	/**
	 * The {@code org-…} principal whose Compliance Logs Platform the simulator serves
	 * too.
	 */
	public static final String LOGS_ORGANIZATION_ID = LogsHandlers.ORGANIZATION_ID;

	private static final String FAULTS = "/simulator/_faults";

	private final SimulatedWorkspace workspace;

	private final SimulatorFaults faults;

	private final RateLimiter limiter;

	private final SignedStorage storage;

	private final SimulatorAccess access;

	private SimulatorRoutes(SimulatedWorkspace workspace, SimulatorFaults faults, SignedStorage storage,
			SimulatorAccess access) {
		this.workspace = workspace;
		this.faults = faults;
		this.storage = storage;
		this.access = access;
		this.limiter = new RateLimiter(workspace.clock(), workspace.properties().enforceRateLimits());
	}

	/**
	 * Every simulator route over this workspace and these faults, for tests: any key, the
	 * fault switch on; log files download from {@code storage}.
	 */
	public static RouterFunction<ServerResponse> create(SimulatedWorkspace workspace, SimulatorFaults faults,
			SignedStorage storage) {
		return create(workspace, faults, storage, SimulatorAccess.TESTS);
	}

	/** Every simulator route, answering only what {@code access} allows. */
	public static RouterFunction<ServerResponse> create(SimulatedWorkspace workspace, SimulatorFaults faults,
			SignedStorage storage, SimulatorAccess access) {
		return new SimulatorRoutes(workspace, faults, storage, access).routes();
	}

	private RouterFunction<ServerResponse> routes() {
		ComplianceHandlers c = new ComplianceHandlers(this.workspace, this.faults);
		AdminHandlers a = new AdminHandlers(this.workspace.admin, this.faults);
		String ws = COMPLIANCE_ROOT + "/compliance/workspaces/{workspace_id}";
		String org = ADMIN_ROOT + "/organization";
		LogsHandlers logs = new LogsHandlers(this.workspace, this.faults, this.storage);
		String principal = COMPLIANCE_ROOT + "/compliance/{kind}/{principal_id}/logs";
		return RouterFunctions.route()
			.POST(FAULTS, RequestPredicates.contentType(MediaType.APPLICATION_JSON), this::setFaults)
			.POST(FAULTS,
					(request) -> Responses.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
							"The fault switch takes application/json only", "invalid_request_error", null, null))
			.GET(ws + "/users", compliance("users", true, c::users))
			.GET(ws + "/gpts", compliance("gpts", true, c::gpts))
			.GET(ws + "/gpts/{gpt_id}", compliance("gpt", false, c::gpt))
			.GET(ws + "/gpts/{gpt_id}/configs", compliance("gpt_configs", true, c::gptConfigs))
			.GET(ws + "/conversations", compliance("conversations", true, c::conversations))
			.add(fileRoutes(ws))
			.GET(principal, logs(logs, "logs", true, logs::list))
			.GET(principal + "/{file_id}", logs(logs, "log_file", false, logs::file))
			.GET(org + "/admin_api_keys", limited("admin_api_keys", true, a::adminKeys))
			.GET(org + "/projects", limited("projects", true, a::projects))
			.GET(org + "/projects/{project_id}/api_keys", limited("project_api_keys", true, a::projectKeys))
			.GET(org + "/users", limited("org_users", true, a::users))
			.GET(org + "/invites", limited("invites", true, a::invites))
			.route(RequestPredicates.path("/simulator/**"),
					(request) -> Responses.notFound("Unknown simulator path " + request.path()))
			.filter(this::guard)
			.build();
	}

	private RouterFunction<ServerResponse> fileRoutes(String ws) {
		FileHandlers f = new FileHandlers(this.workspace, this.faults, this.storage);
		return RouterFunctions.route()
			.GET(ws + "/gpt_files/{file_id}", compliance("file_content", false, f::gptFile))
			.GET(ws + "/users/{user_id}/files/{file_id}", compliance("file_content", false, f::userFile))
			.build();
	}

	private HandlerFunction<ServerResponse> logs(LogsHandlers logs, String endpoint, boolean list,
			HandlerFunction<ServerResponse> handler) {
		HandlerFunction<ServerResponse> limited = limited(endpoint, list, handler);
		return (request) -> {
			Mono<ServerResponse> unknown = logs.unknownPrincipal(request);
			return (unknown != null) ? unknown : limited.handle(request);
		};
	}

	/**
	 * Loopback peers only, then auth, then latency and the counted faults, for every API
	 * call. The fault switch answers only when the test switch is on.
	 */
	private Mono<ServerResponse> guard(ServerRequest request, HandlerFunction<ServerResponse> next) {
		return loopbackOnly(request, (checked) -> authorized(checked, next));
	}

	private static Mono<ServerResponse> loopbackOnly(ServerRequest request, HandlerFunction<ServerResponse> next) {
		boolean loopback = request.remoteAddress()
			.map((address) -> address.getAddress() != null && address.getAddress().isLoopbackAddress())
			.orElse(false);
		return loopback ? next.handle(request) : Responses.error(HttpStatus.FORBIDDEN,
				"The simulator answers this machine only", "invalid_request_error", null, null);
	}

	private Mono<ServerResponse> authorized(ServerRequest request, HandlerFunction<ServerResponse> next) {
		if (request.path().equals(FAULTS)) {
			return this.access.faultsEndpoint() ? next.handle(request)
					: Responses.notFound("Unknown simulator path " + request.path());
		}
		String auth = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (auth == null || !auth.startsWith("Bearer ") || auth.substring(7).isBlank()) {
			return Responses.error(HttpStatus.UNAUTHORIZED,
					"You didn't provide an API key. Send it in the Authorization header as 'Bearer <key>'.",
					"invalid_request_error", null, "missing_api_key");
		}
		if (!this.access.accepts(auth.substring(7).trim())) {
			return Responses.error(HttpStatus.UNAUTHORIZED, "Incorrect API key provided.", "invalid_request_error",
					null, "invalid_api_key");
		}
		if (NO_SCOPE_TOKEN.equals(auth.substring(7).trim())) {
			return Responses.error(HttpStatus.FORBIDDEN, "This API key does not have the scope this endpoint requires.",
					"invalid_request_error", null, "insufficient_permissions");
		}
		Duration latency = this.faults.latency();
		Mono<ServerResponse> answer = Mono.defer(() -> faulted(request, next));
		return latency.isZero() ? answer : Mono.delay(latency).then(answer);
	}

	private Mono<ServerResponse> faulted(ServerRequest request, HandlerFunction<ServerResponse> next) {
		return switch (this.faults.nextRequest()) {
			case RATE_LIMITED -> Responses.rateLimited(this.faults.retryAfterSeconds());
			case SERVER_ERROR -> Responses.error(HttpStatus.INTERNAL_SERVER_ERROR,
					"The server had an error while processing your request.", "server_error", null, null);
			case PASS -> invoke(request, next);
		};
	}

	private static Mono<ServerResponse> invoke(ServerRequest request, HandlerFunction<ServerResponse> next) {
		Mono<ServerResponse> response;
		try {
			response = next.handle(request);
		}
		catch (BadParameter ex) {
			return Responses.badRequest(ex.getMessage(), ex.param);
		}
		return response.onErrorResume(BadParameter.class, (ex) -> Responses.badRequest(ex.getMessage(), ex.param));
	}

	private HandlerFunction<ServerResponse> compliance(String endpoint, boolean list,
			HandlerFunction<ServerResponse> handler) {
		HandlerFunction<ServerResponse> limited = limited(endpoint, list, handler);
		return (request) -> {
			if (!this.workspace.workspaceId().equals(request.pathVariable("workspace_id"))) {
				return Responses.notFound("No workspace found with id " + request.pathVariable("workspace_id"));
			}
			return limited.handle(request);
		};
	}

	private HandlerFunction<ServerResponse> limited(String endpoint, boolean list,
			HandlerFunction<ServerResponse> handler) {
		return (request) -> {
			String token = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
			long retryAfter = this.limiter.acquire(token, endpoint, list);
			return (retryAfter > 0) ? Responses.rateLimited(retryAfter) : handler.handle(request);
		};
	}

	/**
	 * {@code POST /simulator/_faults}: {@code reset}, {@code rateLimitEvery},
	 * {@code retryAfterSeconds}, {@code serverErrorEvery}, {@code latencyMillis},
	 * {@code shortPages}, {@code malformedConversations} and
	 * {@code redeliverConversations} (arrays of indices); absent fields are left as they
	 * are.
	 */
	private Mono<ServerResponse> setFaults(ServerRequest request) {
		return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
			JsonNode body;
			try {
				body = (bytes.length == 0) ? Json.object() : Json.MAPPER.readTree(bytes);
			}
			catch (RuntimeException ex) {
				return Responses.badRequest("Body must be a JSON object", null);
			}
			if (body.path("reset").asBoolean(false)) {
				this.faults.reset();
			}
			if (body.has("rateLimitEvery")) {
				this.faults.rateLimitEvery(body.get("rateLimitEvery").asInt(), body.path("retryAfterSeconds").asInt(1));
			}
			if (body.has("serverErrorEvery")) {
				this.faults.serverErrorEvery(body.get("serverErrorEvery").asInt());
			}
			if (body.has("latencyMillis")) {
				this.faults.latency(Duration.ofMillis(body.get("latencyMillis").asLong()));
			}
			if (body.has("shortPages")) {
				this.faults.shortPages(body.get("shortPages").asBoolean());
			}
			body.path("malformedConversations").forEach((n) -> this.faults.malformedConversation(n.asInt()));
			if (body.has("logsDisabled")) {
				this.faults.logsDisabled(body.get("logsDisabled").asBoolean());
			}
			if (body.has("interruptDownloads")) {
				this.faults.interruptDownloads(body.path("skipDownloads").asInt(0),
						body.get("interruptDownloads").asInt(), body.path("interruptAfterLines").asInt(0));
			}
			if (body.has("corruptDownloads")) {
				this.faults.corruptDownloads(body.get("corruptDownloads").asInt());
			}
			body.path("redeliverConversations").forEach((n) -> this.faults.redeliverConversation(n.asInt()));
			return Responses.json(Json.object().put("ok", true));
		});
	}

}
