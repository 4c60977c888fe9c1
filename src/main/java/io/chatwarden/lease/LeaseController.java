package io.chatwarden.lease;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code SyncStatus.leases}: which instance holds which job. */
@Controller
class LeaseController {

	private final Leases leases;

	LeaseController(Leases leases) {
		this.leases = leases;
	}

	@SchemaMapping(typeName = "SyncStatus", field = "leases")
	Mono<List<LeaseView>> leases() {
		return this.leases.all();
	}

}
