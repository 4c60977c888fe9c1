package io.chatwarden.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An identity provider for tests: an RSA key generated here, its public JWK set served on
 * loopback, and tokens signed with it.
 */
final class TestIssuer implements AutoCloseable {

	static final String ISSUER = "https://idp.acme.example/";

	static final String AUDIENCE = "chatwarden";

	final RSAKey key = rsaKey();

	private final DisposableServer server = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route(routes -> routes.get("/jwks",
				(request, response) -> response.header("Content-Type", "application/json")
					.sendString(Mono.just(new JWKSet(this.key.toPublicJWK()).toString()))))
		.bindNow();

	String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.port() + "/jwks";
	}

	/** The claims of a good token: this issuer, this audience, a subject, 5 minutes. */
	static JWTClaimsSet.Builder claims(String subject) {
		return new JWTClaimsSet.Builder().subject(subject)
			.issuer(ISSUER)
			.audience(AUDIENCE)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)));
	}

	/** A token signed RS256 with this issuer's key. */
	String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	String sign(String subject, UnaryOperator<JWTClaimsSet.Builder> customizer) {
		return sign(customizer.apply(claims(subject)).build());
	}

	@Override
	public void close() {
		this.server.disposeNow();
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
