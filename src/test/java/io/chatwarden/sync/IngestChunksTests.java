package io.chatwarden.sync;

import java.util.List;
import java.util.stream.IntStream;

import io.chatwarden.store.BulkWriter.BulkOp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestChunksTests {

	private static final long ROOMY = Long.MAX_VALUE;

	@Test
	void cutsFullRequestsInOrder() {
		List<List<BulkOp>> chunks = Ingest.chunks(ops(2500), 1000, ROOMY);
		assertThat(chunks).extracting(List::size).containsExactly(1000, 1000, 500);
		assertThat(chunks.stream().flatMap(List::stream)).containsExactlyElementsOf(ops(2500));
	}

	@Test
	void aSmallTailRidesWithTheRequestBeforeIt() {
		assertThat(Ingest.chunks(ops(1125), 1000, ROOMY)).extracting(List::size).containsExactly(1125);
		assertThat(Ingest.chunks(ops(1499), 1000, ROOMY)).extracting(List::size).containsExactly(1499);
		assertThat(Ingest.chunks(ops(1500), 1000, ROOMY)).extracting(List::size).containsExactly(1000, 500);
		assertThat(Ingest.chunks(ops(2100), 1000, ROOMY)).extracting(List::size).containsExactly(1000, 1100);
	}

	@Test
	void aTailNeverTakesARequestOverItsBytes() {
		// 600 estimated bytes per document without text: 1100 of them are 660,000 bytes.
		assertThat(Ingest.chunks(ops(1100), 1000, 650_000)).extracting(List::size).containsExactly(1000, 100);
		assertThat(Ingest.chunks(ops(1100), 1000, 660_000)).extracting(List::size).containsExactly(1100);
	}

	@Test
	void writesNothingForNothing() {
		assertThat(Ingest.chunks(List.of(), 1000, ROOMY)).isEmpty();
		assertThat(Ingest.chunks(ops(1), 1000, ROOMY)).extracting(List::size).containsExactly(1);
	}

	private static List<BulkOp> ops(int count) {
		return IntStream.range(0, count).mapToObj((i) -> new BulkOp("index", "id-" + i, "document")).toList();
	}

}
