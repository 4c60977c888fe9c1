package io.chatwarden.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The demo's "local admin": in demo mode with no bootstrap token, a request with no token
 * acts as ADMIN, but only when it provably comes from a browser or tool on this machine.
 * That needs all of: the app bound to loopback, the raw socket peer on loopback
 * (forwarded headers not trusted), a loopback {@code Host} (a DNS-rebound page sends its
 * own name), an absent or loopback {@code Origin}, and no forwarding header at all (a
 * same-host proxy, tunnel or port-forward adds one, or cannot be told apart, so none is
 * allowed).
 */
@Component
public class LocalDemoAdmin {

	private static final Log log = LogFactory.getLog(LocalDemoAdmin.class);

	static final Caller CALLER = new Caller("local-demo-admin", "local", null, Role.ADMIN);

	/** Headers a proxy adds; any of them means the peer is not the real client. */
	private static final Set<String> FORWARDING = Set.of("forwarded", "x-real-ip", "x-client-ip", "true-client-ip",
			"client-ip", "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip", "via", "x-original-url",
			"x-proxyuser-ip", "x-envoy-external-address");

	private final boolean active;

	LocalDemoAdmin(Environment environment, SecurityProperties properties) {
		boolean demo = Boolean.parseBoolean(environment.getProperty("chatwarden.demo.enabled", "false"));
		boolean wanted = demo && !properties.hasBootstrapToken();
		boolean loopbackBind = loopbackName(environment.getProperty("server.address"));
		String strategy = environment.getProperty("server.forward-headers-strategy");
		boolean peerIsRaw = strategy != null ? "none".equalsIgnoreCase(strategy.trim())
				: CloudPlatform.getActive(environment) == null;
		this.active = wanted && loopbackBind && peerIsRaw;
		if (this.active) {
			log.warn("Demo mode with no token configured: requests from this machine (127.0.0.1) without a token "
					+ "act as a local admin. Configure chatwarden.security.bootstrap-admin-token to turn this off.");
		}
		else if (wanted) {
			log.warn("Demo mode without a local admin: the app is not bound to loopback, or trusts forwarded "
					+ "headers. Configure chatwarden.security.bootstrap-admin-token to sign in.");
		}
	}

	/** Whether demo mode grants a local admin at all. */
	public boolean active() {
		return this.active;
	}

	/** Whether this request, which carries no token, is the local admin. */
	boolean grants(ServerHttpRequest request) {
		if (!this.active) {
			return false;
		}
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null || remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
			return false;
		}
		HttpHeaders headers = request.getHeaders();
		for (String name : headers.headerNames()) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.startsWith("x-forwarded-") || FORWARDING.contains(lower)) {
				return false;
			}
		}
		String host = headers.getFirst(HttpHeaders.HOST);
		if (host == null || !loopbackName(hostPart(host))) {
			return false;
		}
		String origin = headers.getFirst(HttpHeaders.ORIGIN);
		return origin == null || loopbackOrigin(origin);
	}

	private static boolean loopbackOrigin(String origin) {
		try {
			URI uri = URI.create(origin.trim());
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
					&& loopbackName(uri.getHost());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The host of a Host header: without its port, IPv6 brackets kept off. */
	private static String hostPart(String host) {
		String value = host.trim();
		if (value.startsWith("[")) {
			int end = value.indexOf(']');
			return end > 0 ? value.substring(1, end) : value;
		}
		int colon = value.indexOf(':');
		return colon >= 0 ? value.substring(0, colon) : value;
	}

	/**
	 * {@code localhost}, or an IP literal on loopback. Names are never resolved: a name
	 * that resolves to 127.0.0.1 is exactly what DNS rebinding uses.
	 */
	static boolean loopbackName(String host) {
		if (host == null || host.isBlank()) {
			return false;
		}
		String name = host.trim().toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (name.equals("localhost")) {
			return true;
		}
		if (!name.matches("[0-9.]+") && !name.contains(":")) {
			return false;
		}
		try {
			// An IP literal: parsed, not looked up.
			return InetAddress.getByName(name).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
