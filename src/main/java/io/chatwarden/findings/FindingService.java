package io.chatwarden.findings;

import java.time.Clock;

import io.chatwarden.system.BadRequestException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Triage: muting and unmuting findings, and finding type settings. Changes are queued
 * behind any running evaluation so neither overwrites the other.
 */
@Service
class FindingService {

	private final FindingStore store;

	private final FindingCatalog catalog;

	private final TypeSettingsStore settings;

	private final FindingScheduler scheduler;

	private final Clock clock;

	FindingService(FindingStore store, FindingCatalog catalog, TypeSettingsStore settings, FindingScheduler scheduler,
			Clock clock) {
		this.store = store;
		this.catalog = catalog;
		this.settings = settings;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	Mono<FindingDocument> setStatus(SetFindingStatusInput input) {
		input.validate();
		return this.scheduler.submit(this.store.get(input.id())
			.switchIfEmpty(Mono.error(() -> new FindingNotFoundException("No finding " + input.id())))
			.flatMap(finding -> {
				FindingDocument changed = switch (input.status()) {
					case MUTED -> finding.muted(input.by().trim(), input.reason().trim(), this.clock.instant());
					case OPEN -> finding.status() == FindingStatus.MUTED ? finding.unmuted() : finding;
					case RESOLVED -> throw new IllegalStateException("validated above");
				};
				return changed == finding ? Mono.just(finding) : this.store.save(changed);
			}));
	}

	Mono<FindingType> setTypeSettings(SetFindingTypeSettingsInput input) {
		if (input.typeId() == null || !this.catalog.exists(input.typeId())) {
			return Mono.error(new FindingNotFoundException("No finding type " + input.typeId()));
		}
		if (input.by() != null && input.by().length() > 200) {
			return Mono.error(new BadRequestException("by is longer than 200 characters"));
		}
		TypeSettingsStore.Settings stored = new TypeSettingsStore.Settings(input.typeId(), input.severity(),
				input.ignored(), input.by(), this.clock.instant());
		return this.scheduler
			.submit(this.settings.save(stored).then(this.catalog.byId()).map(types -> types.get(input.typeId())));
	}

	Mono<Evaluation> evaluate() {
		return this.scheduler.evaluate();
	}

}
