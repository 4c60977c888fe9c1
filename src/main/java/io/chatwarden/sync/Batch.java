package io.chatwarden.sync;

import java.util.ArrayList;
import java.util.List;

import io.chatwarden.store.BulkWriter.BulkOp;

/**
 * What some source records turned into: documents to write and records to dead-letter.
 *
 * @param records how many source records (fetched) it stands for
 */
record Batch(int records, List<BulkOp> documents, List<DeadLetter> deadLetters) {

	static Batch of(int records) {
		return new Batch(records, new ArrayList<>(), new ArrayList<>());
	}

}
