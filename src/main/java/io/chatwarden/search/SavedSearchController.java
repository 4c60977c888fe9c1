package io.chatwarden.search;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chatwarden.system.BadRequestException;
import io.chatwarden.system.Connection;
import io.chatwarden.system.NotFoundException;
import io.chatwarden.system.PageRequest;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of saved searches. */
@Controller
class SavedSearchController {

	static final int MAX_NAME = 200;

	/**
	 * Saved queries are kept as keywords, which have a size limit; no real search is near
	 * it.
	 */
	static final int MAX_QUERY = 10_000;

	private final SavedSearchGateway gateway;

	private final Clock clock;

	SavedSearchController(SavedSearchGateway gateway, Clock clock) {
		this.gateway = gateway;
		this.clock = clock;
	}

	@QueryMapping
	Mono<Connection<SavedSearch>> savedSearches(@Argument Integer first, @Argument String after) {
		return this.gateway.list(PageRequest.of(first, after));
	}

	@BatchMapping(typeName = "SavedSearch")
	Mono<Map<SavedSearch, Integer>> hitCount(List<SavedSearch> searches) {
		return this.gateway.hitCounts(searches);
	}

	@MutationMapping
	Mono<SavedSearchInputs.CreateSavedSearchPayload> createSavedSearch(
			@Argument SavedSearchInputs.CreateSavedSearchInput input) {
		String name = (input.name() == null) ? "" : input.name().strip();
		if (name.isEmpty() || name.length() > MAX_NAME) {
			throw new BadRequestException("name must have 1 to " + MAX_NAME + " characters");
		}
		if (input.query() != null && input.query().length() > MAX_QUERY) {
			throw new BadRequestException("query must have at most " + MAX_QUERY + " characters");
		}
		SavedSearch search = new SavedSearch(UUID.randomUUID().toString(), name,
				(input.query() == null) ? "" : input.query(), input.filter(),
				(input.sort() == null) ? SearchSort.RELEVANCE : input.sort(), this.clock.instant());
		return this.gateway.save(search).map(SavedSearchInputs.CreateSavedSearchPayload::new);
	}

	@MutationMapping
	Mono<SavedSearchInputs.DeleteSavedSearchPayload> deleteSavedSearch(
			@Argument SavedSearchInputs.DeleteSavedSearchInput input) {
		return this.gateway.delete(input.id()).map(deleted -> {
			if (!deleted) {
				throw new NotFoundException("No saved search has the id " + input.id());
			}
			return new SavedSearchInputs.DeleteSavedSearchPayload(input.id());
		});
	}

}
