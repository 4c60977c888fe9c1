package io.chatwarden.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.chatwarden.simulator.Responses.BadParameter;
import io.chatwarden.simulator.Responses.Slice;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** The Admin API endpoints under {@code /organization}. */
final class AdminHandlers {

	private final AdminDirectory admin;

	private final SimulatorFaults faults;

	AdminHandlers(AdminDirectory admin, SimulatorFaults faults) {
		this.admin = admin;
		this.faults = faults;
	}

	Mono<ServerResponse> adminKeys(ServerRequest request) {
		String order = request.queryParam("order").orElse("asc");
		List<ObjectNode> keys = switch (order) {
			case "asc" -> this.admin.adminKeys;
			case "desc" -> {
				List<ObjectNode> reversed = new ArrayList<>(this.admin.adminKeys);
				Collections.reverse(reversed);
				yield reversed;
			}
			default -> throw new BadParameter("order", "order must be asc or desc");
		};
		return page(request, keys);
	}

	Mono<ServerResponse> projects(ServerRequest request) {
		boolean includeArchived = Boolean.parseBoolean(request.queryParam("include_archived").orElse("false"));
		List<ObjectNode> projects = this.admin.projects.stream()
			.filter((p) -> includeArchived || p.get("archived_at").isNull())
			.toList();
		return page(request, projects);
	}

	Mono<ServerResponse> projectKeys(ServerRequest request) {
		List<ObjectNode> keys = this.admin.projectKeys.get(request.pathVariable("project_id"));
		if (keys == null) {
			return Responses.notFound("No project found with id " + request.pathVariable("project_id"));
		}
		// Without owner_project_access the API applies membership-based visibility: keys
		// whose owner lost access to the project are hidden.
		String access = request.queryParam("owner_project_access").orElse("active");
		if (!List.of("active", "inactive", "any").contains(access)) {
			throw new BadParameter("owner_project_access", "owner_project_access must be active, inactive or any");
		}
		return page(request, "any".equals(access) ? keys
				: keys.stream().filter((k) -> access.equals(k.path("owner_project_access").asString())).toList());
	}

	Mono<ServerResponse> users(ServerRequest request) {
		List<String> emails = new ArrayList<>(request.queryParams().getOrDefault("emails", List.of()));
		emails.addAll(request.queryParams().getOrDefault("emails[]", List.of()));
		List<ObjectNode> users = emails.isEmpty() ? this.admin.orgUsers
				: this.admin.orgUsers.stream().filter((u) -> emails.contains(u.get("email").asString())).toList();
		return page(request, users);
	}

	Mono<ServerResponse> invites(ServerRequest request) {
		return page(request, this.admin.invites);
	}

	private Mono<ServerResponse> page(ServerRequest request, List<ObjectNode> sorted) {
		int limit = Responses.intParam(request, "limit", 20, 1, 100, false);
		String after = request.queryParam("after").orElse(null);
		Slice<ObjectNode> slice = Slice.of(sorted, (n) -> n.get("id").asString(), after,
				this.faults.pageSize(limit, after));
		return Responses.json(Json.adminList(slice.items(), slice.hasMore()));
	}

}
