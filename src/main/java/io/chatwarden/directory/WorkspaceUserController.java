package io.chatwarden.directory;

import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the WorkspaceUser type and its queries. */
@Controller
class WorkspaceUserController {

	private final DirectoryGateway gateway;

	WorkspaceUserController(DirectoryGateway gateway) {
		this.gateway = gateway;
	}

	@QueryMapping
	Mono<Connection<WorkspaceUserDocument>> users(@Argument Integer first, @Argument String after) {
		return this.gateway.users(PageRequest.of(first, after));
	}

}
