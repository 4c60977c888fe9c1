package io.chatwarden.archive;

import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code SyncStatus.retention}: how long the copy is kept, and the legal hold. */
@Controller
class RetentionController {

	private final Retention retention;

	RetentionController(Retention retention) {
		this.retention = retention;
	}

	@SchemaMapping(typeName = "SyncStatus", field = "retention")
	Mono<RetentionView> retention() {
		return this.retention.view();
	}

}
