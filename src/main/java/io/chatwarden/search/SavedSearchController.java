package io.chatwarden.search;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chatwarden.audit.AuditLog;
import io.chatwarden.security.Callers;
import io.chatwarden.security.Role;
import io.chatwarden.system.BadRequestException;
import io.chatwarden.system.Connection;
import io.chatwarden.system.NotFoundException;
import io.chatwarden.system.PageRequest;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.AccessDeniedException;
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

	private final AuditLog audit;

	SavedSearchController(SavedSearchGateway gateway, Clock clock, AuditLog audit) {
		this.gateway = gateway;
		this.clock = clock;
		this.audit = audit;
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
		return Callers.current().flatMap(caller -> {
			SavedSearch search = new SavedSearch(UUID.randomUUID().toString(), name,
					(input.query() == null) ? "" : input.query(), input.filter(),
					(input.sort() == null) ? SearchSort.RELEVANCE : input.sort(), this.clock.instant(), caller.key());
			return this.gateway.save(search)
				.flatMap(saved -> this.audit
					.record(caller, AuditLog.Entry.of("saved-search.create").target(saved.id()).query(saved.query()))
					.thenReturn(new SavedSearchInputs.CreateSavedSearchPayload(saved)));
		});
	}

	/** Deletes a saved search: its owner or an ADMIN only. */
	@MutationMapping
	Mono<SavedSearchInputs.DeleteSavedSearchPayload> deleteSavedSearch(
			@Argument SavedSearchInputs.DeleteSavedSearchInput input) {
		return Callers.current()
			.flatMap(caller -> this.gateway.byId(input.id())
				.switchIfEmpty(Mono.error(() -> new NotFoundException("No saved search has the id " + input.id())))
				.flatMap(search -> {
					boolean admin = caller.role() != null && caller.role().includes(Role.ADMIN);
					if (!admin && !caller.key().equals(search.owner())) {
						return Mono.error(
								new AccessDeniedException("Only whoever saved a search, or an ADMIN, may delete it"));
					}
					return this.gateway.delete(input.id());
				})
				.flatMap(deleted -> this.audit
					.record(caller, AuditLog.Entry.of("saved-search.delete").target(input.id()))
					.thenReturn(new SavedSearchInputs.DeleteSavedSearchPayload(input.id()))));
	}

}
