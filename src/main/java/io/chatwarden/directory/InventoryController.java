package io.chatwarden.directory;

import io.chatwarden.store.Indices;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import org.opensearch.client.opensearch._types.SortOrder;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * GraphQL handlers of the Admin API inventory: admin keys, projects, project keys, org
 * users and invites.
 */
@Controller
class InventoryController {

	private final DirectoryGateway gateway;

	InventoryController(DirectoryGateway gateway) {
		this.gateway = gateway;
	}

	@QueryMapping
	Mono<Connection<AdminKeyDocument>> adminKeys(@Argument DirectoryFilters.ApiKeyFilter filter,
			@Argument Integer first, @Argument String after) {
		return this.gateway.page(Indices.ADMIN_KEYS, DirectoryFilters.ApiKeyFilter.of(filter, false),
				DirectoryGateway.by("createdAt", SortOrder.Asc), PageRequest.of(first, after), AdminKeyDocument.class);
	}

	@QueryMapping
	Mono<Connection<ProjectDocument>> projects(@Argument DirectoryFilters.ProjectFilter filter, @Argument Integer first,
			@Argument String after) {
		return this.gateway.page(Indices.PROJECTS, DirectoryFilters.ProjectFilter.of(filter),
				DirectoryGateway.by("name", SortOrder.Asc), PageRequest.of(first, after), ProjectDocument.class);
	}

	@QueryMapping
	Mono<Connection<ProjectKeyDocument>> projectKeys(@Argument DirectoryFilters.ApiKeyFilter filter,
			@Argument Integer first, @Argument String after) {
		return this.gateway.page(Indices.PROJECT_KEYS, DirectoryFilters.ApiKeyFilter.of(filter, true),
				DirectoryGateway.by("createdAt", SortOrder.Asc), PageRequest.of(first, after),
				ProjectKeyDocument.class);
	}

	@QueryMapping
	Mono<Connection<OrgUserDocument>> orgUsers(@Argument DirectoryFilters.OrgUserFilter filter, @Argument Integer first,
			@Argument String after) {
		return this.gateway.page(Indices.ORG_USERS, DirectoryFilters.OrgUserFilter.of(filter),
				DirectoryGateway.by("email", SortOrder.Asc), PageRequest.of(first, after), OrgUserDocument.class);
	}

	@QueryMapping
	Mono<Connection<InviteDocument>> invites(@Argument DirectoryFilters.InviteFilter filter, @Argument Integer first,
			@Argument String after) {
		return this.gateway.page(Indices.INVITES, DirectoryFilters.InviteFilter.of(filter),
				DirectoryGateway.by("createdAt", SortOrder.Desc), PageRequest.of(first, after), InviteDocument.class);
	}

}
