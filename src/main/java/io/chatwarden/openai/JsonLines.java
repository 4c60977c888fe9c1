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

	/** Where a buffer off the heap is copied to be scanned. */
	private byte[] copy = new byte[0];

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

	/**
	 * A buffer off the heap is copied whole first: reading it byte by byte went through a
	 * bounds and liveness check per byte, a visible share of a download's CPU.
	 */
	private void split(ByteBuffer bytes, List<String> lines) {
		int length = bytes.remaining();
		byte[] array;
		int start;
		if (bytes.hasArray()) {
			array = bytes.array();
			start = bytes.arrayOffset() + bytes.position();
		}
		else {
			if (this.copy.length < length) {
				this.copy = new byte[Math.max(length, 2 * this.copy.length)];
			}
			bytes.get(bytes.position(), this.copy, 0, length);
			array = this.copy;
			start = 0;
		}
		int end = start + length;
		for (int i = start; i < end; i++) {
			if (array[i] == '\n') {
				line(array, start, i, lines);
				start = i + 1;
			}
		}
		append(array, start, end);
	}

	private void line(byte[] bytes, int from, int to, List<String> lines) {
		String line;
		if (this.pendingLength == 0) {
			line = new String(bytes, from, to - from, StandardCharsets.UTF_8);
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

	private void append(byte[] bytes, int from, int to) {
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
		System.arraycopy(bytes, from, this.pending, this.pendingLength, length);
		this.pendingLength += length;
	}

	/** What follows the last line break: a last line without one (or null). */
	private String last() {
		String line = new String(this.pending, 0, this.pendingLength, StandardCharsets.UTF_8).strip();
		this.pendingLength = 0;
		return line.isEmpty() ? null : line;
	}

}
