package io.chatwarden.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.opensearch.client.opensearch.generic.Body;

/**
 * A request body written into blocks of 64 KB and read back from them. A bulk body of a
 * few MB written into one array would be grown by copies and copied again at the end:
 * each such array is a humongous allocation for G1 (more than half a region), and enough
 * of them start a concurrent collection cycle: a visible share of a sync's CPU.
 */
final class BlockBody extends OutputStream implements Body {

	private static final int BLOCK = 64 * 1024;

	private final String contentType;

	private final List<byte[]> blocks = new ArrayList<>();

	/** Bytes used in the last block. */
	private int used = BLOCK;

	BlockBody(String contentType) {
		this.contentType = contentType;
	}

	@Override
	public void write(int b) {
		room()[this.used++] = (byte) b;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) {
		int from = offset;
		int left = length;
		while (left > 0) {
			byte[] block = room();
			int n = Math.min(left, BLOCK - this.used);
			System.arraycopy(bytes, from, block, this.used, n);
			this.used += n;
			from += n;
			left -= n;
		}
	}

	/** The last block, a new one when it is full. */
	private byte[] room() {
		if (this.used == BLOCK) {
			this.blocks.add(new byte[BLOCK]);
			this.used = 0;
		}
		return this.blocks.get(this.blocks.size() - 1);
	}

	long size() {
		return this.blocks.isEmpty() ? 0 : (long) (this.blocks.size() - 1) * BLOCK + this.used;
	}

	@Override
	public String contentType() {
		return this.contentType;
	}

	/**
	 * The bytes written, from the start: each call reads them anew (a retry sends them
	 * again).
	 */
	@Override
	public InputStream body() {
		List<InputStream> parts = new ArrayList<>(this.blocks.size());
		for (int i = 0; i < this.blocks.size(); i++) {
			int length = (i == this.blocks.size() - 1) ? this.used : BLOCK;
			parts.add(new ByteArrayInputStream(this.blocks.get(i), 0, length));
		}
		return new SequenceInputStream(Collections.enumeration(parts));
	}

	/** The whole body as one array (for tests). */
	byte[] toByteArray() throws IOException {
		return body().readAllBytes();
	}

	/** Nothing to release: the blocks go with the body. */
	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "BlockBody[" + size() + " bytes]";
	}

}
