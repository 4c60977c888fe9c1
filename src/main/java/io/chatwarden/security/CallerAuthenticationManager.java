package io.chatwarden.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Checks a bearer value: the bootstrap admin token, an API token, or (when an issuer is
 * configured) a JWT whose roles claim maps to a role. Anything else is rejected with the
 * same message, whatever the reason.
 */
class CallerAuthenticationManager implements ReactiveAuthenticationManager {

	private static final Log log = LogFactory.getLog(CallerAuthenticationManager.class);

	private final TokenService tokens;

	private final ReactiveJwtDecoder jwtDecoder;

	private final SecurityProperties.Oidc oidc;

	CallerAuthenticationManager(TokenService tokens, ReactiveJwtDecoder jwtDecoder, SecurityProperties.Oidc oidc) {
		this.tokens = tokens;
		this.jwtDecoder = jwtDecoder;
		this.oidc = oidc;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (authentication instanceof CallerAuthentication known) {
			return Mono.just(known);
		}
		String value = ((BearerValue) authentication).value();
		return this.tokens.authenticate(value)
			.switchIfEmpty(Mono.defer(() -> jwt(value)))
			.<Authentication>map(CallerAuthentication::new)
			.switchIfEmpty(Mono.error(() -> new BadCredentialsException("Invalid or revoked token")));
	}

	private Mono<Caller> jwt(String value) {
		if (this.jwtDecoder == null || value.chars().filter(c -> c == '.').count() != 2) {
			return Mono.empty();
		}
		return this.jwtDecoder.decode(value)
			.flatMap(token -> Mono.justOrEmpty(caller(token)))
			.onErrorResume(JwtException.class, ex -> {
				log.debug("Rejected a JWT: " + ex.getMessage());
				return Mono.empty();
			});
	}

	private Caller caller(Jwt jwt) {
		Role best = null;
		for (String value : claimValues(jwt.getClaim(this.oidc.rolesClaim()))) {
			Role role = mapped(value);
			if (role != null && (best == null || role.includes(best))) {
				best = role;
			}
		}
		// The subject is who the audit log names; a token without one is refused.
		String subject = jwt.getSubject();
		return best == null || subject == null || subject.isBlank() ? null : new Caller(subject, "jwt", null, best);
	}

	/**
	 * The role a claim value grants. Once a mapping is configured only mapped values
	 * count: a bare {@code admin} group of some other tenant must not be ADMIN here.
	 */
	private Role mapped(String value) {
		for (String pair : this.oidc.roleMapping()) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).trim().equals(value)) {
				return Role.parse(pair.substring(equals + 1));
			}
		}
		return this.oidc.roleMapping().isEmpty() ? Role.parse(value) : null;
	}

	private static List<String> claimValues(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof String text) {
			values.addAll(List.of(text.split("[ ,]+")));
		}
		else if (claim instanceof Collection<?> collection) {
			collection.forEach(item -> values.add(String.valueOf(item)));
		}
		else if (claim instanceof Map<?, ?> map) {
			map.keySet().forEach(key -> values.add(String.valueOf(key)));
		}
		return values;
	}

}
