package io.chatwarden.directory;

import java.time.Instant;

import io.chatwarden.openai.OrgProject;

/** An API platform project as stored in the projects index. */
public record ProjectDocument(String id, String name, Instant createdAt, Instant archivedAt, String status,
		Instant syncedAt) {

	public static ProjectDocument from(OrgProject project, Instant syncedAt) {
		return new ProjectDocument(project.id(), project.name(), project.createdAt(), project.archivedAt(),
				project.status(), syncedAt);
	}

}
