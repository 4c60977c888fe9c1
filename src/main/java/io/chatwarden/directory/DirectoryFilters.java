package io.chatwarden.directory;

import java.time.Instant;
import java.util.List;

import org.opensearch.client.opensearch._types.query_dsl.Query;

/** The filter inputs of the directory queries. */
final class DirectoryFilters {

	private DirectoryFilters() {
	}

	/** {@code WorkspaceUserFilter}. */
	record WorkspaceUserFilter(List<String> emails, List<String> roles, List<String> statuses) {

		static Query of(WorkspaceUserFilter f) {
			return (f == null) ? new Clauses().query()
					: new Clauses().terms("email", f.emails).terms("role", f.roles).terms("status", f.statuses).query();
		}

	}

	/** {@code ApiKeyFilter}, for admin and project keys. */
	record ApiKeyFilter(List<String> projectIds, List<String> ownerIds, Instant createdBefore, Instant lastUsedBefore,
			Boolean neverUsed) {

		static Query of(ApiKeyFilter f, boolean projectKeys) {
			if (f == null) {
				return new Clauses().query();
			}
			return new Clauses().terms("projectId", projectKeys ? f.projectIds : null)
				.terms("ownerId", f.ownerIds)
				.before("createdAt", f.createdBefore)
				.before("lastUsedAt", f.lastUsedBefore)
				.missing("lastUsedAt", f.neverUsed)
				.query();
		}

	}

	/** {@code ProjectFilter}. */
	record ProjectFilter(List<String> statuses) {

		static Query of(ProjectFilter f) {
			return new Clauses().terms("status", (f == null) ? null : f.statuses).query();
		}

	}

	/** {@code OrgUserFilter}. */
	record OrgUserFilter(List<String> emails, List<String> roles) {

		static Query of(OrgUserFilter f) {
			return (f == null) ? new Clauses().query()
					: new Clauses().terms("email", f.emails).terms("role", f.roles).query();
		}

	}

	/** {@code InviteFilter}. */
	record InviteFilter(List<String> emails, List<String> roles, List<String> statuses) {

		static Query of(InviteFilter f) {
			return (f == null) ? new Clauses().query()
					: new Clauses().terms("email", f.emails).terms("role", f.roles).terms("status", f.statuses).query();
		}

	}

}
