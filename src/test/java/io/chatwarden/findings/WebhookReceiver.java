package io.chatwarden.findings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP receiver for alert webhooks: answers 500 to the first {@code failures}
 * requests, then 204, and records every request.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger failuresLeft;

	final List<Received> requests = new CopyOnWriteArrayList<>();

	WebhookReceiver(int failures) {
		this.failuresLeft = new AtomicInteger(failures);
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/alerts", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			int status = this.failuresLeft.getAndDecrement() > 0 ? 500 : 204;
			this.requests.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Chatwarden-Signature"),
					exchange.getRequestHeaders().getFirst("X-Chatwarden-Timestamp"), status));
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/alerts";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One request as received, and the status it was answered with. */
	record Received(String body, String signature, String timestamp, int status) {
	}

}
