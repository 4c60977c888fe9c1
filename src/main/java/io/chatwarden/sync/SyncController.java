package io.chatwarden.sync;

import io.chatwarden.audit.AuditLog;
import reactor.core.publisher.Mono;

import io.chatwarden.system.BadRequestException;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the sync: its status, starting a run, replaying dead letters. */
@Controller
class SyncController {

	private final SyncService sync;

	private final SyncScheduler scheduler;

	private final AuditLog audit;

	private final DeadLetterReplay replay;

	SyncController(SyncService sync, SyncScheduler scheduler, AuditLog audit, DeadLetterReplay replay) {
		this.sync = sync;
		this.replay = replay;
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

	/**
	 * Replays dead letters (of one resource, or all), removing each that is stored now;
	 * audited with the number replayed.
	 */
	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<DeadLetterReplay.Result> replayDeadLetters(@Argument String resource, @Argument Integer first) {
		if (resource != null && !SyncProgress.RESOURCES.contains(resource)) {
			return Mono.error(new BadRequestException("resource must be one of " + SyncProgress.RESOURCES));
		}
		int limit = (first == null) ? 100 : first;
		if (limit < 1 || limit > DeadLetterReplay.MAX) {
			return Mono.error(new BadRequestException("first must be between 1 and " + DeadLetterReplay.MAX));
		}
		return this.replay.replay(resource, limit)
			.flatMap((result) -> this.audit.record("sync.replay-dead-letters", resource, null, (long) result.replayed())
				.thenReturn(result));
	}

}
