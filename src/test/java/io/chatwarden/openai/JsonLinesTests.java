package io.chatwarden.openai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesTests {

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void shouldSplitLinesAcrossBuffersWhateverWhereTheyAreCut(boolean direct) {
		String text = "{\"a\":\"é\"}\r\n\n  \n{\"b\":\"日本\"}\n{\"c\":1}";
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		// Every cut, including inside the multi-byte characters and between \r and \n.
		for (int cut = 0; cut <= bytes.length; cut++) {
			List<DataBuffer> buffers = buffers(direct, bytes, cut);
			List<String> lines = JsonLines.split(Flux.fromIterable(buffers), 1024).collectList().block();
			assertThat(lines).as("cut at %d", cut).containsExactly("{\"a\":\"é\"}", "{\"b\":\"日本\"}", "{\"c\":1}");
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void shouldRefuseALineLongerThanTheLimitInsteadOfHoldingIt(boolean direct) {
		byte[] bytes = ("{\"ok\":1}\n{\"long\":\"" + "x".repeat(100) + "\"}\n").getBytes(StandardCharsets.UTF_8);
		List<String> seen = new ArrayList<>();
		assertThatThrownBy(() -> JsonLines.split(Flux.fromIterable(buffers(direct, bytes, 12)), 64)
			.doOnNext(seen::add)
			.blockLast()).hasMessageContaining("larger than chatwarden.openai.compliance.max-response-size (64B)");
		assertThat(seen).containsExactly("{\"ok\":1}");
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void shouldGiveNothingForAnEmptyOrBlankFile(boolean direct) {
		assertThat(JsonLines.split(Flux.empty(), 64).collectList().block()).isEmpty();
		byte[] blank = " \r\n\n ".getBytes(StandardCharsets.UTF_8);
		assertThat(JsonLines.split(Flux.fromIterable(buffers(direct, blank, 2)), 64).collectList().block()).isEmpty();
	}

	private static List<DataBuffer> buffers(boolean direct, byte[] bytes, int cut) {
		DefaultDataBufferFactory factory = new DefaultDataBufferFactory(direct);
		List<DataBuffer> buffers = new ArrayList<>();
		buffers.add(factory.allocateBuffer(cut).write(bytes, 0, cut));
		buffers.add(factory.allocateBuffer(bytes.length - cut).write(bytes, cut, bytes.length - cut));
		return buffers;
	}

}
