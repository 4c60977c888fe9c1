package io.chatwarden.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP splice in front of OpenSearch that, while recording, keeps the bytes the app
 * sends: the exact HTTP requests behind a GraphQL call, to replay against OpenSearch
 * directly, or to count the requests behind one call. Splicing adds no parsing to the
 * measured path; requests are parsed afterwards.
 */
public final class WireRecorder implements AutoCloseable {

	private final ServerSocket server;

	private final URI target;

	private final List<ByteArrayOutputStream> recorded = new CopyOnWriteArrayList<>();

	private volatile boolean recording;

	public WireRecorder(URI target) {
		this.target = target;
		try {
			this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofVirtual().start(this::accept);
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	public void record(boolean on) {
		this.recording = on;
	}

	/** Every request recorded so far, in the order each connection sent them. */
	public List<Request> takeRequests() {
		List<Request> requests = new ArrayList<>();
		for (ByteArrayOutputStream stream : this.recorded) {
			synchronized (stream) {
				requests.addAll(parse(stream.toByteArray()));
				stream.reset();
			}
		}
		return requests;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(this.target.getHost(), this.target.getPort());
				client.setTcpNoDelay(true);
				upstream.setTcpNoDelay(true);
				ByteArrayOutputStream sent = new ByteArrayOutputStream();
				this.recorded.add(sent);
				Thread.ofVirtual().start(() -> pump(client, upstream, sent));
				Thread.ofVirtual().start(() -> pump(upstream, client, null));
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private void pump(Socket from, Socket to, ByteArrayOutputStream copy) {
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
				out.flush();
				if (copy != null && this.recording) {
					synchronized (copy) {
						copy.write(buffer, 0, n);
					}
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

	static List<Request> parse(byte[] bytes) {
		List<Request> requests = new ArrayList<>();
		int[] pos = { 0 };
		while (pos[0] < bytes.length) {
			String requestLine = line(bytes, pos);
			if (requestLine.isEmpty()) {
				continue;
			}
			String[] parts = requestLine.split(" ");
			int length = -1;
			boolean chunked = false;
			for (String header = line(bytes, pos); !header.isEmpty(); header = line(bytes, pos)) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Integer.parseInt(header.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if (chunked) {
				for (int size = Integer.parseInt(line(bytes, pos).split(";")[0].trim(), 16); size > 0; size = Integer
					.parseInt(line(bytes, pos).split(";")[0].trim(), 16)) {
					body.write(bytes, pos[0], size);
					pos[0] += size;
					line(bytes, pos);
				}
				line(bytes, pos);
			}
			else if (length > 0) {
				body.write(bytes, pos[0], length);
				pos[0] += length;
			}
			requests.add(new Request(parts[0], parts[1], body.toString(StandardCharsets.UTF_8)));
		}
		return requests;
	}

	private static String line(byte[] bytes, int[] pos) {
		int start = pos[0];
		while (pos[0] + 1 < bytes.length && !(bytes[pos[0]] == '\r' && bytes[pos[0] + 1] == '\n')) {
			pos[0]++;
		}
		String line = new String(bytes, start, pos[0] - start, StandardCharsets.US_ASCII);
		pos[0] = Math.min(bytes.length, pos[0] + 2);
		return line;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	/** One recorded HTTP request. */
	public record Request(String method, String path, String body) {
	}

}
