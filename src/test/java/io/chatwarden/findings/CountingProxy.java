package io.chatwarden.findings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of OpenSearch that counts the bytes OpenSearch sends back: what
 * the app reads from the cluster, measured on the wire.
 */
final class CountingProxy implements AutoCloseable {

	private final ServerSocket server;

	private final URI target;

	final AtomicLong bytesFromServer = new AtomicLong();

	CountingProxy(URI target) {
		this.target = target;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofVirtual().start(this::accept);
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(this.target.getHost(), this.target.getPort());
				Thread.ofVirtual().start(() -> pump(client, upstream, null));
				Thread.ofVirtual().start(() -> pump(upstream, client, this.bytesFromServer));
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private static void pump(Socket from, Socket to, AtomicLong counter) {
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
				out.flush();
				if (counter != null) {
					counter.addAndGet(n);
				}
			}
		}
		catch (IOException ex) {
			// One side closed the connection.
		}
		finally {
			try {
				from.close();
				to.close();
			}
			catch (IOException ex) {
				// Already closed.
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
