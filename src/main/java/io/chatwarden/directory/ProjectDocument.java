package io.chatwarden.directory;

import java.time.Instant;

/** An API platform project as stored in the projects index. */
public record ProjectDocument(String id, String name, Instant createdAt, Instant archivedAt, String status,
		Instant syncedAt) {

}
