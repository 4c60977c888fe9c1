package io.chatwarden.system;

import java.net.InetAddress;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says, once the server listens, where to open the UI: the first thing a new user looks
 * for in the log.
 */
@Component
class UiAddress implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log log = LogFactory.getLog(UiAddress.class);

	private final Environment environment;

	UiAddress(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getParent() != null) {
			return;
		}
		log.info("Chatwarden UI: " + url(this.environment.getProperty("server.address"), event.getWebServer().getPort())
				+ " (GraphQL at /graphql; change the port with server.port or SERVER_PORT)");
	}

	static String url(String address, int port) {
		String host = (address == null || address.isBlank() || isAnyLocal(address)) ? "localhost" : address;
		if (host.contains(":") && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		return "http://" + host + ":" + port + "/";
	}

	private static boolean isAnyLocal(String address) {
		try {
			return InetAddress.getByName(address).isAnyLocalAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return false;
		}
	}

}
