package io.chatwarden.sync;

import io.chatwarden.audit.AuditLog;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the sync: its status, and starting a run. */
@Controller
class SyncController {

	private final SyncService sync;

	private final SyncScheduler scheduler;

	private final AuditLog audit;

	SyncController(SyncService sync, SyncScheduler scheduler, AuditLog audit) {
		this.sync = sync;
		this.scheduler = scheduler;
		this.audit = audit;
	}

	@QueryMapping
	SyncStatus syncStatus() {
		return this.sync.status();
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<SyncStatus> startSync() {
		return this.audit.record("sync.start", null, null, null).then(Mono.fromSupplier(this.scheduler::launch));
	}

}
