package io.chatwarden.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A bearer value as received, before it is checked. Never logged: {@link #toString()}
 * hides it.
 */
final class BearerValue extends AbstractAuthenticationToken {

	private final String value;

	BearerValue(String value) {
		super(java.util.List.of());
		this.value = value;
	}

	String value() {
		return this.value;
	}

	@Override
	public Object getCredentials() {
		return this.value;
	}

	@Override
	public Object getPrincipal() {
		return "bearer";
	}

	@Override
	public String toString() {
		return "BearerValue[***]";
	}

}
