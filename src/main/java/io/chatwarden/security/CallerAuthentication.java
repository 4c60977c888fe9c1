package io.chatwarden.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller: the principal is a {@link Caller}, the credentials are never
 * kept.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

	private final Caller caller;

	CallerAuthentication(Caller caller) {
		// A role includes the roles below it, so its authorities are granted with it.
		super(java.util.Arrays.stream(Role.values())
			.filter(role -> caller.role().includes(role))
			.map(role -> new SimpleGrantedAuthority(role.authority()))
			.toList());
		this.caller = caller;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Caller getPrincipal() {
		return this.caller;
	}

	@Override
	public String getName() {
		return this.caller.name();
	}

}
