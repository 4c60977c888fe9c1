package io.chatwarden.openai;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Splits a stream of bytes into its non-blank UTF-8 lines ({@code \n} or {@code \r\n}),
 * scanning each byte once and decoding each line once. Only the line that spans buffers
 * is copied; a line longer than the limit fails the stream, so memory stays bounded
 * whatever the file's size. (Spring's {@code StringDecoder} matched delimiters byte by
 * byte through a generic matcher: a visible share of a log download's CPU.)
 */
final class JsonLines {

	private final int maxLineBytes;

	/** The start of a line whose end is in a later buffer. */
	private byte[] pending = new byte[0];

	private int pendingLength;

	private JsonLines(int maxLineBytes) {
		this.maxLineBytes = maxLineBytes;
	}

	static Flux<String> split(Flux<DataBuffer> buffers, int maxLineBytes) {
		return Flux.defer(() -> {
			JsonLines lines = new JsonLines(maxLineBytes);
			return buffers.concatMapIterable(lines::lines)
				.concatWith(Mono.fromSupplier(lines::last))
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release);
		});
	}

	/** The whole lines a buffer ends; releases it. */
	private List<String> lines(DataBuffer buffer) {
		List<String> lines = new ArrayList<>();
		try (DataBuffer.ByteBufferIterator it = buffer.readableByteBuffers()) {
			while (it.hasNext()) {
				split(it.next(), lines);
			}
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		return lines;
	}

	private void split(ByteBuffer bytes, List<String> lines) {
		int start = bytes.position();
		int end = bytes.limit();
		for (int i = start; i < end; i++) {
			if (bytes.get(i) == '\n') {
				line(bytes, start, i, lines);
				start = i + 1;
			}
		}
		append(bytes, start, end);
	}

	private void line(ByteBuffer bytes, int from, int to, List<String> lines) {
		String line;
		if (this.pendingLength == 0) {
			line = decode(bytes, from, to);
		}
		else {
			append(bytes, from, to);
			line = new String(this.pending, 0, this.pendingLength, StandardCharsets.UTF_8);
			this.pendingLength = 0;
		}
		if (!line.isBlank()) {
			lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
		}
	}

	private static String decode(ByteBuffer bytes, int from, int to) {
		if (bytes.hasArray()) {
			return new String(bytes.array(), bytes.arrayOffset() + from, to - from, StandardCharsets.UTF_8);
		}
		byte[] copy = new byte[to - from];
		bytes.get(from, copy);
		return new String(copy, StandardCharsets.UTF_8);
	}

	private void append(ByteBuffer bytes, int from, int to) {
		int length = to - from;
		if (length == 0) {
			return;
		}
		if (this.pendingLength + length > this.maxLineBytes) {
			// Not worth a retry: the same file holds the same line.
			throw new IllegalStateException("A log line is larger than " + ComplianceProperties.PREFIX
					+ ".max-response-size (" + this.maxLineBytes + "B)");
		}
		if (this.pendingLength + length > this.pending.length) {
			this.pending = Arrays.copyOf(this.pending, Math.max(this.pendingLength + length, 2 * this.pending.length));
		}
		bytes.get(from, this.pending, this.pendingLength, length);
		this.pendingLength += length;
	}

	/** What follows the last line break: a last line without one (or null). */
	private String last() {
		String line = new String(this.pending, 0, this.pendingLength, StandardCharsets.UTF_8).strip();
		this.pendingLength = 0;
		return line.isEmpty() ? null : line;
	}

}
