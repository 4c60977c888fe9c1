package io.chatwarden.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The review's attacks on OIDC, each refused: a token of another issuer sharing the key
 * set, one issued to another application, algorithm confusion (HS256 keyed with the
 * public key, and {@code none}), a bare {@code admin} claim value when a mapping exists,
 * and a token without a subject.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-security-oidc", "chatwarden.sync.enabled=false",
				"chatwarden.demo.enabled=false", "chatwarden.security.oidc.roles-claim=groups",
				"chatwarden.security.oidc.issuer-uri=" + TestIssuer.ISSUER,
				"chatwarden.security.oidc.audience=" + TestIssuer.AUDIENCE,
				"chatwarden.security.oidc.role-mapping=sec-admins=ADMIN" })
class OidcAttackTests extends OpenSearchTest {

	static final TestIssuer IDP = new TestIssuer();

	@DynamicPropertySource
	static void jwks(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.security.oidc.jwk-set-uri", IDP::jwkSetUri);
	}

	@AfterAll
	static void stop() {
		IDP.close();
	}

	@LocalServerPort
	int port;

	@Test
	void shouldAcceptAGoodTokenAsTheMappedRole() {
		String body = viewer(IDP.sign("alice", claims -> claims.claim("groups", List.of("sec-admins")))).expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"role\":\"ADMIN\"").contains("\"alice\"");
	}

	@Test
	void shouldRefuseATokenOfAnotherIssuerSharingTheKeys() {
		viewer(IDP.sign("mallory",
				claims -> claims.issuer("https://other-tenant.example/").claim("groups", List.of("sec-admins"))))
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void shouldRefuseATokenIssuedToAnotherApplication() {
		viewer(IDP.sign("mallory", claims -> claims.audience("some-other-app").claim("groups", List.of("sec-admins"))))
			.expectStatus()
			.isUnauthorized();
		viewer(IDP.sign("mallory", claims -> claims.audience((String) null).claim("groups", List.of("sec-admins"))))
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void shouldRefuseHs256KeyedWithThePublicKey() throws Exception {
		JWTClaimsSet claims = TestIssuer.claims("mallory").claim("groups", List.of("sec-admins")).build();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key").build(), claims);
		forged.sign(new MACSigner(IDP.key.toPublicJWK().toRSAPublicKey().getEncoded()));
		viewer(forged.serialize()).expectStatus().isUnauthorized();
	}

	@Test
	void shouldRefuseAnUnsignedToken() {
		JWTClaimsSet claims = TestIssuer.claims("mallory").claim("groups", List.of("sec-admins")).build();
		viewer(new PlainJWT(claims).serialize()).expectStatus().isUnauthorized();
	}

	@Test
	void shouldNotLetAnUnmappedAdminValueGrantAdmin() {
		viewer(IDP.sign("mallory", claims -> claims.claim("groups", List.of("admin")))).expectStatus().isUnauthorized();
	}

	@Test
	void shouldRefuseATokenWithoutSubject() {
		viewer(IDP.sign(null, claims -> claims.claim("groups", List.of("sec-admins")))).expectStatus().isUnauthorized();
	}

	@Test
	void shouldRequireAnIssuerAndAnAudience() {
		Binder noAudience = new Binder(
				new MapConfigurationPropertySource(Map.of("chatwarden.security.oidc.issuer-uri", TestIssuer.ISSUER)));
		assertThatThrownBy(() -> noAudience.bind("chatwarden.security", SecurityProperties.class))
			.hasStackTraceContaining("chatwarden.security.oidc.audience is required");
		Binder noIssuer = new Binder(new MapConfigurationPropertySource(Map.of("chatwarden.security.oidc.jwk-set-uri",
				IDP.jwkSetUri(), "chatwarden.security.oidc.audience", TestIssuer.AUDIENCE)));
		assertThatThrownBy(() -> noIssuer.bind("chatwarden.security", SecurityProperties.class))
			.hasStackTraceContaining("chatwarden.security.oidc.issuer-uri is required");
	}

	private WebTestClient.ResponseSpec viewer(String token) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token)
			.bodyValue(Map.of("query", "{ viewer { name kind role } }"))
			.exchange();
	}

}
