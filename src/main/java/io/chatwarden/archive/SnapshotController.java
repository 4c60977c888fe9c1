package io.chatwarden.archive;

import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code SyncStatus.lastSnapshot}: the newest snapshot in the repository. */
@Controller
class SnapshotController {

	private final Snapshots snapshots;

	SnapshotController(Snapshots snapshots) {
		this.snapshots = snapshots;
	}

	@SchemaMapping(typeName = "SyncStatus", field = "lastSnapshot")
	Mono<SnapshotView> lastSnapshot() {
		// A missing repository (no path.repo on the cluster) is "no snapshot yet".
		return this.snapshots.latestCached().onErrorResume(ex -> Mono.empty());
	}

}
