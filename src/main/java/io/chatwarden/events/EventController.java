package io.chatwarden.events;

import java.time.Instant;

import io.chatwarden.directory.WorkspaceUserDocument;
import io.chatwarden.system.BadRequestException;
import io.chatwarden.system.Connection;
import io.chatwarden.system.PageRequest;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: Compliance Logs Platform events, and a user's timeline. */
@Controller
class EventController {

	private final EventGateway events;

	private final TimelineGateway timelines;

	EventController(EventGateway events, TimelineGateway timelines) {
		this.events = events;
		this.timelines = timelines;
	}

	@QueryMapping
	Mono<Connection<EventDocument>> events(@Argument EventFilter filter, @Argument Integer first,
			@Argument String after) {
		return this.events.list((filter != null) ? filter : EventFilter.NONE, PageRequest.of(first, after));
	}

	@QueryMapping
	Mono<EventFacets> eventFacets(@Argument EventFilter filter) {
		return this.events.facets((filter != null) ? filter : EventFilter.NONE);
	}

	@QueryMapping
	Mono<Connection<TimelineEntry>> userTimeline(@Argument String email, @Argument Instant from, @Argument Instant to,
			@Argument Integer first, @Argument String after) {
		if (email == null || email.isBlank()) {
			return Mono.error(new BadRequestException("email must not be blank"));
		}
		return this.timelines.timeline(email.strip(), from, to, PageRequest.of(first, after));
	}

	@SchemaMapping(typeName = "WorkspaceUser")
	Mono<Connection<TimelineEntry>> timeline(WorkspaceUserDocument user, @Argument Instant from, @Argument Instant to,
			@Argument Integer first, @Argument String after) {
		return this.timelines.timeline(user.email(), from, to, PageRequest.of(first, after));
	}

	@SchemaMapping(typeName = "Event", field = "id")
	String id(EventDocument event) {
		return event.eventId();
	}

	@SchemaMapping(typeName = "Event", field = "data")
	String data(EventDocument event) {
		return event.raw();
	}

}
