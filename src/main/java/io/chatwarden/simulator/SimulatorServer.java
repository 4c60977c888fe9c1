package io.chatwarden.simulator;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * The simulator routes on their own Reactor Netty server (127.0.0.1, a free port), for
 * tests that need real HTTP without starting the application.
 */
public final class SimulatorServer implements AutoCloseable {

	private final DisposableServer server;

	private final SimulatedWorkspace workspace;

	private final SimulatorFaults faults;

	private final SignedStorage storage;

	private SimulatorServer(DisposableServer server, SimulatedWorkspace workspace, SimulatorFaults faults,
			SignedStorage storage) {
		this.server = server;
		this.storage = storage;
		this.workspace = workspace;
		this.faults = faults;
	}

	/**
	 * The simulator's own event loops: its CPU (generating the workspace) shows apart
	 * from the application's, which benchmarks need to tell the source's cost from the
	 * app's.
	 */
	static final LoopResources LOOPS = LoopResources.create("simulator", 2, true);

	/**
	 * Where the simulator generates pages and files, off its event loops: its own threads
	 * (not the application's parallel scheduler), for the same reason.
	 */
	static final Scheduler WORK = Schedulers.newParallel("simulator-work", 2, true);

	public static SimulatorServer start(SimulatedWorkspace workspace, SimulatorFaults faults) {
		SignedStorage storage = SignedStorage.start(workspace.clock());
		HttpHandler handler = RouterFunctions.toHttpHandler(SimulatorRoutes.create(workspace, faults, storage));
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(LOOPS)
			.handle(new ReactorHttpHandlerAdapter(handler))
			.bindNow();
		return new SimulatorServer(server, workspace, faults, storage);
	}

	/** {@code http://127.0.0.1:<port>} */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** The Compliance API base URL (append {@code /compliance/workspaces/{id}/…}). */
	public String complianceBaseUrl() {
		return baseUrl() + SimulatorRoutes.COMPLIANCE_ROOT;
	}

	/** The Admin API base URL (append {@code /organization/…}). */
	public String adminBaseUrl() {
		return baseUrl() + SimulatorRoutes.ADMIN_ROOT;
	}

	public SimulatedWorkspace workspace() {
		return this.workspace;
	}

	public SimulatorFaults faults() {
		return this.faults;
	}

	/** Where log files and file content download from (a second origin). */
	public SignedStorage storage() {
		return this.storage;
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.storage.close();
	}

}
