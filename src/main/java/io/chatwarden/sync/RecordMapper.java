package io.chatwarden.sync;

import java.time.Instant;
import java.util.List;

import io.chatwarden.store.BulkWriter.BulkOp;
import tools.jackson.databind.JsonNode;

/**
 * Turns one API record into the documents that store it; throws
 * {@link io.chatwarden.openai.MalformedRecordException} (or any runtime exception) for a
 * record it cannot map.
 */
@FunctionalInterface
interface RecordMapper {

	List<BulkOp> map(JsonNode record, Instant syncedAt);

}
