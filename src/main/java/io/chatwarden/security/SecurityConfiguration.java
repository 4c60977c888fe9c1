package io.chatwarden.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Every request but liveness/readiness, the UI's static files and the demo simulator
 * needs a bearer token. Stateless: no session, no cookies, so no CSRF surface.
 */
@Configuration(proxyBeanMethods = false)
@EnableReactiveMethodSecurity
class SecurityConfiguration {

	/**
	 * The data and control endpoints; everything else the app serves is the static UI or
	 * public probes.
	 */
	private static final ServerWebExchangeMatcher PROTECTED = ServerWebExchangeMatchers.pathMatchers("/graphql/**",
			"/graphql", "/api/**", "/actuator/**");

	private static final ServerWebExchangeMatcher PUBLIC = new OrServerWebExchangeMatcher(
			ServerWebExchangeMatchers.pathMatchers("/actuator/health", "/actuator/health/**", "/simulator/**"),
			new NegatedServerWebExchangeMatcher(PROTECTED));

	/**
	 * No observation per security filter, authentication and authorization: with an
	 * observation registry present, Spring Security would start and stop one around each
	 * of the chain's filters on every request, for metrics nothing reads. Requests are
	 * still timed as a whole ({@code http.server.requests}).
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, TokenService tokens,
			SecurityProperties properties, LocalDemoAdmin localDemoAdmin, FailedAuthentications failures) {
		AuthenticationWebFilter authentication = new AuthenticationWebFilter(
				new CallerAuthenticationManager(tokens, jwtDecoder(properties), properties.oidc()));
		authentication.setServerAuthenticationConverter(new BearerConverter(localDemoAdmin));
		authentication.setRequiresAuthenticationMatcher(new NegatedServerWebExchangeMatcher(PUBLIC));
		ServerAuthenticationEntryPointFailureHandler rejected = new ServerAuthenticationEntryPointFailureHandler(
				unauthorized());
		// Each rejected token counts against its client address, so guessing is slowed.
		authentication.setAuthenticationFailureHandler((exchange, ex) -> {
			failures.record(exchange.getExchange().getRequest());
			return rejected.onAuthenticationFailure(exchange, ex);
		});
		authentication.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.cors(cors -> cors.configurationSource(cors(properties)))
			.addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange(exchanges -> exchanges.matchers(PUBLIC)
				.permitAll()
				.pathMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.pathMatchers("/api/export/**")
				.hasRole(Role.INVESTIGATOR.name())
				.anyExchange()
				.authenticated())
			.exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized()))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"))
				.referrerPolicy(referrer -> referrer.policy(
						org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
			.build();
	}

	/**
	 * The decoder of JWTs from the configured issuer, or null when none is configured. It
	 * accepts only the pinned algorithms (so no {@code none} or HMAC-with-public-key
	 * confusion), and checks expiry, the issuer, the audience and that there is a
	 * subject.
	 */
	private static ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) {
		SecurityProperties.Oidc oidc = properties.oidc();
		if (!oidc.enabled()) {
			return null;
		}
		NimbusReactiveJwtDecoder.JwkSetUriReactiveJwtDecoderBuilder builder = (oidc.jwkSetUri() != null
				&& !oidc.jwkSetUri().isBlank()) ? NimbusReactiveJwtDecoder.withJwkSetUri(oidc.jwkSetUri())
						: NimbusReactiveJwtDecoder.withIssuerLocation(oidc.issuerUri());
		builder.jwsAlgorithms(algorithms -> {
			algorithms.clear();
			for (String name : oidc.algorithms()) {
				SignatureAlgorithm algorithm = SignatureAlgorithm.from(name.trim());
				if (algorithm == null) {
					throw new IllegalArgumentException("chatwarden.security.oidc.algorithms: " + name
							+ " is not an asymmetric JWS algorithm (RS256, ES256, PS256, …)");
				}
				algorithms.add(algorithm);
			}
		});
		NimbusReactiveJwtDecoder decoder = builder.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(oidc.issuerUri()),
				new JwtAudienceValidator(oidc.audience()),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank())));
		return decoder;
	}

	private static UrlBasedCorsConfigurationSource cors(SecurityProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!properties.corsAllowedOrigins().isEmpty()) {
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(properties.corsAllowedOrigins());
			configuration.addAllowedMethod(HttpMethod.GET);
			configuration.addAllowedMethod(HttpMethod.POST);
			configuration.addAllowedHeader("Authorization");
			configuration.addAllowedHeader("Content-Type");
			source.registerCorsConfiguration("/**", configuration);
		}
		return source;
	}

	private static ServerAuthenticationEntryPoint unauthorized() {
		return (exchange, ex) -> Mono.defer(() -> {
			var response = exchange.getResponse();
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			response.getHeaders().set("WWW-Authenticate", "Bearer");
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			byte[] body = "{\"error\":\"unauthorized\",\"message\":\"A valid bearer token is required\"}"
				.getBytes(StandardCharsets.UTF_8);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
		});
	}

}
