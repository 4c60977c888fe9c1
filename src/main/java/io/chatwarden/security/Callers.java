package io.chatwarden.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;

/** The caller of the current request, read from the reactive security context. */
public final class Callers {

	private Callers() {
	}

	public static Mono<Caller> current() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(context -> context.getAuthentication())
			.map(authentication -> authentication.getPrincipal() instanceof Caller caller ? caller
					: new Caller(authentication.getName(), "other", null, null))
			.defaultIfEmpty(Caller.ANONYMOUS);
	}

	/** Whether the current caller may read message text unmasked. */
	public static Mono<Boolean> mayReadRawText() {
		return current().map(caller -> caller.role() != null && caller.role().includes(Role.INVESTIGATOR));
	}

}
