package io.chatwarden.sync;

import java.util.ArrayList;
import java.util.List;

import io.chatwarden.store.BulkWriter.BulkOp;

/** What one API page turned into: documents to write and records to dead-letter. */
record MappedPage(int records, List<BulkOp> documents, List<DeadLetter> deadLetters) {

	static MappedPage empty() {
		return new MappedPage(0, new ArrayList<>(), new ArrayList<>());
	}

}
