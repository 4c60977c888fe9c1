package io.chatwarden.sync;

import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the sync: its status, and starting a run. */
@Controller
class SyncController {

	private final SyncService sync;

	private final SyncScheduler scheduler;

	SyncController(SyncService sync, SyncScheduler scheduler) {
		this.sync = sync;
		this.scheduler = scheduler;
	}

	@QueryMapping
	SyncStatus syncStatus() {
		return this.sync.status();
	}

	@MutationMapping
	SyncStatus startSync() {
		return this.scheduler.launch();
	}

}
