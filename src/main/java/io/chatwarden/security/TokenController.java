package io.chatwarden.security;

import java.util.List;

import io.chatwarden.audit.AuditLog;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** GraphQL handlers of API tokens (ADMIN only) and of the caller's own identity. */
@Controller
class TokenController {

	private final TokenService tokens;

	private final AuditLog audit;

	TokenController(TokenService tokens, AuditLog audit) {
		this.tokens = tokens;
		this.audit = audit;
	}

	@QueryMapping
	Mono<Caller> viewer() {
		return Callers.current();
	}

	@QueryMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<List<ApiToken>> apiTokens() {
		return this.tokens.list();
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<TokenService.CreatedToken> createApiToken(@Argument CreateApiTokenInput input) {
		return Callers.current()
			.flatMap(caller -> this.tokens.create(input.name(), Role.parse(input.role()), caller))
			.flatMap(
					created -> this.audit.record("token.create", created.token().id(), null, null).thenReturn(created));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<ApiToken> revokeApiToken(@Argument RevokeApiTokenInput input) {
		return this.tokens.revoke(input.id())
			.flatMap(token -> this.audit.record("token.revoke", token.id(), null, null).thenReturn(token));
	}

	/** The {@code CreateApiTokenInput} input. */
	record CreateApiTokenInput(String name, String role) {
	}

	/** The {@code RevokeApiTokenInput} input. */
	record RevokeApiTokenInput(String id) {
	}

}
