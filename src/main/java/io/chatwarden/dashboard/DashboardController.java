package io.chatwarden.dashboard;

import java.time.Instant;
import java.util.List;

import io.chatwarden.store.Indices;
import io.chatwarden.system.BadRequestException;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of the dashboard aggregations. */
@Controller
class DashboardController {

	static final int MAX_SIZE = 100;

	private final DashboardGateway gateway;

	DashboardController(DashboardGateway gateway) {
		this.gateway = gateway;
	}

	@QueryMapping
	Mono<List<Dashboard.ActivityPoint>> activity(@Argument Dashboard.ActivityInterval interval, @Argument Instant from,
			@Argument Instant to) {
		return this.gateway.activity((interval == null) ? Dashboard.ActivityInterval.DAY : interval, from, to);
	}

	@QueryMapping
	Mono<List<Dashboard.CountBucket>> topUsers(@Argument Integer size, @Argument Instant from, @Argument Instant to) {
		return this.gateway.top(Indices.CONVERSATIONS, "userEmail", size(size), from, to);
	}

	@QueryMapping
	Mono<List<Dashboard.CountBucket>> topGpts(@Argument Integer size, @Argument Instant from, @Argument Instant to) {
		return this.gateway.top(Indices.CONVERSATIONS, "gptIds", size(size), from, to);
	}

	@QueryMapping
	Mono<List<Dashboard.CountBucket>> toolUsage(@Argument Integer size, @Argument Instant from, @Argument Instant to) {
		return this.gateway.top(Indices.MESSAGES, "toolName", size(size), from, to);
	}

	private static int size(Integer size) {
		int value = (size == null) ? 10 : size;
		if (value < 1 || value > MAX_SIZE) {
			throw new BadRequestException("size must be between 1 and " + MAX_SIZE + ", was " + value);
		}
		return value;
	}

}
