package io.chatwarden.security;

import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import io.chatwarden.system.ParsedDocuments;
import io.chatwarden.system.RootFields;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Charges the rate limit for each GraphQL root field beyond the first (the HTTP request
 * itself already counted one), so aliasing a query many times in one request is no
 * cheaper than sending it many times.
 */
@Component
class RootFieldCharge implements WebGraphQlInterceptor {

	private final RequestRateLimiter limiter;

	private final ParsedDocuments documents;

	RootFieldCharge(RequestRateLimiter limiter, ParsedDocuments documents) {
		this.limiter = limiter;
		this.documents = documents;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		int extra = rootFields(request) - 1;
		if (extra <= 0) {
			return chain.next(request);
		}
		return Callers.current().flatMap(caller -> {
			if (!this.limiter.charge(RequestRateLimiter.key(caller), extra)) {
				return Mono.error(new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
						"Too many requests (each root field counts); try again in " + this.limiter.secondsLeft()
								+ "s"));
			}
			return chain.next(request);
		});
	}

	private int rootFields(WebGraphQlRequest request) {
		try {
			// A document sent before is counted from the cache, not parsed again per
			// request.
			Document document = this.documents.document(request.getDocument());
			return RootFields.of(document, request.getOperationName()).size();
		}
		catch (InvalidSyntaxException | IllegalArgumentException ex) {
			// Execution reports the syntax error itself.
			return 1;
		}
	}

}
