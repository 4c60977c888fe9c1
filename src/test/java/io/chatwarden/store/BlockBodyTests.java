package io.chatwarden.store;

import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlockBodyTests {

	@Test
	void readsBackWhatWasWrittenAcrossBlocksAsOftenAsAsked() throws IOException {
		byte[] bytes = new byte[3 * 64 * 1024 + 17];
		new Random(7).nextBytes(bytes);
		BlockBody body = new BlockBody("application/x-ndjson");
		body.write(bytes[0]);
		body.write(bytes, 1, 64 * 1024);
		body.write(bytes, 64 * 1024 + 1, bytes.length - 64 * 1024 - 1);

		assertThat(body.size()).isEqualTo(bytes.length);
		assertThat(body.contentType()).isEqualTo("application/x-ndjson");
		assertThat(body.toByteArray()).isEqualTo(bytes);
		// A retried request reads the body again from its start.
		assertThat(body.body().readAllBytes()).isEqualTo(bytes);
		assertThat(body.body().readAllBytes()).isEqualTo(bytes);
	}

	@Test
	void anEmptyBodyReadsAsNothing() throws IOException {
		BlockBody body = new BlockBody("application/x-ndjson");
		assertThat(body.size()).isZero();
		assertThat(body.body().readAllBytes()).isEmpty();
		body.write(new byte[0], 0, 0);
		assertThat(body.toByteArray()).isEmpty();
	}

	@Test
	void aBlockFilledExactlyEndsTheBodyThere() throws IOException {
		byte[] bytes = new byte[64 * 1024];
		new Random(3).nextBytes(bytes);
		BlockBody body = new BlockBody("application/x-ndjson");
		body.write(bytes, 0, bytes.length);
		assertThat(body.size()).isEqualTo(bytes.length);
		assertThat(body.body().readAllBytes()).isEqualTo(bytes);
	}

}
