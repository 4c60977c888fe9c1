package io.chatwarden.sync;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.BulkWriter.BulkOp;

/**
 * What some source records turned into: documents to write and records to dead-letter.
 *
 * @param records how many source records (fetched) it stands for
 * @param sources the record each document came from, so that a document OpenSearch
 * rejects is dead-lettered as its source record (replayable), not as a document
 */
record Batch(int records, List<BulkOp> documents, List<DeadLetter> deadLetters, Map<BulkOp, Source> sources) {

	static Batch of(int records) {
		return new Batch(records, new ArrayList<>(), new ArrayList<>(), new IdentityHashMap<>());
	}

	/** Puts another document in place of the i-th one, from the same source record. */
	void replace(int i, Object document) {
		BulkOp op = this.documents.get(i);
		BulkOp replacement = new BulkOp(op.index(), op.id(), document, op.merge());
		this.documents.set(i, replacement);
		this.sources.put(replacement, this.sources.remove(op));
	}

	/** A source record and where it was read (page, file and line). */
	record Source(Object record, String position) {
	}

}
