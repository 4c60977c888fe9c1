package io.chatwarden.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chatwarden.support.OpenSearchTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWTs from an identity provider (its key set served locally) map a roles claim to a
 * role; and a caller over the per-minute limit gets 429.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chatwarden.store.index-prefix=cw-security-jwt", "chatwarden.sync.enabled=false",
				"chatwarden.demo.enabled=false", "chatwarden.security.requests-per-minute=8",
				"chatwarden.security.oidc.roles-claim=groups", "chatwarden.security.oidc.issuer-uri=https://idp.test/",
				"chatwarden.security.oidc.audience=chatwarden",
				"chatwarden.security.oidc.role-mapping=sec-investigators=INVESTIGATOR,viewer=VIEWER" })
class JwtAndRateLimitTests extends OpenSearchTest {

	static final RSAKey KEY = rsaKey();

	static final DisposableServer JWKS = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route(routes -> routes.get("/jwks",
				(request, response) -> response.header("Content-Type", "application/json")
					.sendString(Mono.just(new JWKSet(KEY.toPublicJWK()).toString()))))
		.bindNow();

	@DynamicPropertySource
	static void jwks(DynamicPropertyRegistry registry) {
		registry.add("chatwarden.security.oidc.jwk-set-uri", () -> "http://127.0.0.1:" + JWKS.port() + "/jwks");
	}

	@AfterAll
	static void stopJwks() {
		JWKS.disposeNow();
	}

	@LocalServerPort
	int port;

	@Test
	void shouldMapAGroupClaimToARoleAndRefuseJwtsWithoutOne() throws Exception {
		WebTestClient http = client();
		String investigator = jwt("alice@acme.example", List.of("staff", "sec-investigators"));
		var body = http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + investigator)
			.bodyValue(Map.of("query", "{ viewer { name kind role } }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"role\":\"INVESTIGATOR\"").contains("alice@acme.example").contains("\"jwt\"");
		http.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + jwt("mallory", List.of("staff")))
			.bodyValue(Map.of("query", "{ viewer { name } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void shouldAnswer429PastTheLimit() throws Exception {
		WebTestClient http = client();
		String viewer = jwt("rate-limited-user", List.of("viewer"));
		// 8 a minute in fixed windows: 17 requests overrun the limit even if a minute
		// boundary falls between them.
		String retryAfter = null;
		for (int i = 0; i < 17 && retryAfter == null; i++) {
			var result = http.post()
				.uri("/graphql")
				.header("Authorization", "Bearer " + viewer)
				.bodyValue(Map.of("query", "{ viewer { name } }"))
				.exchange()
				.returnResult(String.class);
			if (result.getStatus().value() == 429) {
				retryAfter = result.getResponseHeaders().getFirst("Retry-After");
			}
		}
		assertThat(retryAfter).as("a 429 with Retry-After").isNotNull();
		assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static String jwt(String subject, List<String> groups) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer("https://idp.test/")
			.audience("chatwarden")
			.claim("groups", groups)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(KEY));
		return jwt.serialize();
	}

	private static RSAKey rsaKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
				.keyID("test-key")
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
