package io.chatwarden.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Demo mode ({@code chatwarden.demo.enabled}, on by default when no Compliance API key is
 * configured): the app serves its built-in simulated workspace and syncs that, through
 * the same HTTP clients a real workspace uses, so search and findings work on a fresh
 * machine with no credentials.
 */
class DemoMode implements EnvironmentPostProcessor {

	static final String DEMO_KEY = "demo-key-not-a-secret";

	static final String DEMO_WORKSPACE = "5f0c6a2e-0d7b-4a49-9d55-2f8c3b1e7a10";

	private final Log log;

	DemoMode(DeferredLogFactory logs) {
		this.log = logs.getLog(DemoMode.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String explicit = environment.getProperty("chatwarden.demo.enabled");
		String key = environment.getProperty("chatwarden.openai.compliance.api-key");
		boolean enabled = explicit != null ? Boolean.parseBoolean(explicit) : (key == null || key.isBlank());
		if (!enabled) {
			return;
		}
		refuseExposedDemo(environment);
		String base = "http://127.0.0.1:${server.port:8080}/simulator";
		Map<String, Object> demo = new LinkedHashMap<>();
		demo.put("chatwarden.demo.enabled", "true");
		demo.put("chatwarden.simulator.enabled", "true");
		demo.put("chatwarden.openai.compliance.base-url", base + "/compliance/v1");
		demo.put("chatwarden.openai.compliance.api-key", DEMO_KEY);
		demo.put("chatwarden.openai.compliance.workspace-id",
				environment.getProperty("chatwarden.simulator.workspace-id", DEMO_WORKSPACE));
		demo.put("chatwarden.openai.admin.base-url", base + "/admin/v1");
		demo.put("chatwarden.openai.admin.api-key", DEMO_KEY);
		// The in-app simulator answers only its own clients: on loopback, with this key.
		demo.put("chatwarden.simulator.access.api-key", DEMO_KEY);
		// Demo mode is all or nothing: a half-real configuration would sync a mix of two
		// workspaces.
		environment.getPropertySources().addFirst(new MapPropertySource("chatwarden-demo", demo));
		this.log.info("Demo mode: syncing the built-in simulated workspace"
				+ (explicit == null ? " (no chatwarden.openai.compliance.api-key configured)" : ""));
	}

	/**
	 * Demo mode reachable from other machines needs a bootstrap token: its local admin
	 * only ever exists on a loopback bind, and an exposed app nobody can sign in to, or
	 * one that someone might expect to be open, is a mistake worth failing on.
	 */
	private static void refuseExposedDemo(ConfigurableEnvironment environment) {
		String address = environment.getProperty("server.address");
		String token = environment.getProperty("chatwarden.security.bootstrap-admin-token");
		boolean loopback = address != null && isLoopback(address.trim());
		if (!loopback && (token == null || token.isBlank())) {
			throw new IllegalStateException("Demo mode on a non-loopback address (server.address="
					+ (address == null ? "all interfaces" : address)
					+ ") needs chatwarden.security.bootstrap-admin-token: set one, or bind to 127.0.0.1");
		}
	}

	private static boolean isLoopback(String address) {
		String name = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
				: address;
		if (name.equalsIgnoreCase("localhost")) {
			return true;
		}
		if (!name.matches("[0-9.]+") && !name.contains(":")) {
			return false;
		}
		try {
			return java.net.InetAddress.getByName(name).isLoopbackAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return false;
		}
	}

}
