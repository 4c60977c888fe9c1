package io.chatwarden.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.chatwarden.audit.IntegrityKey;
import io.chatwarden.system.BadRequestException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.chatwarden.system.NotFoundException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Creates, lists, revokes and checks API tokens. A token's value is shown once, at
 * creation; only its SHA-256 hash is stored, so the index never holds a usable
 * credential.
 */
@Service
public class TokenService {

	private static final Log log = LogFactory.getLog(TokenService.class);

	private static final String PREFIX = "cwt_";

	private final SecureRandom random = new SecureRandom();

	private final TokenStore store;

	private final Clock clock;

	private final LocalDemoAdmin localDemoAdmin;

	private final IntegrityKey key;

	/** The bootstrap token's hash, computed once; null when none is configured. */
	private final byte[] bootstrapHash;

	TokenService(TokenStore store, SecurityProperties properties, Clock clock, LocalDemoAdmin localDemoAdmin,
			IntegrityKey key) {
		this.store = store;
		this.clock = clock;
		this.localDemoAdmin = localDemoAdmin;
		this.key = key;
		this.bootstrapHash = properties.hasBootstrapToken()
				? hash(properties.bootstrapAdminToken()).getBytes(StandardCharsets.UTF_8) : null;
	}

	/**
	 * A new token; the returned value is the only time the secret exists outside the
	 * caller's hands.
	 */
	Mono<CreatedToken> create(String name, Role role, Caller creator) {
		if (name == null || name.isBlank() || name.length() > 100) {
			return Mono.error(new BadRequestException("A token needs a name of 1 to 100 characters"));
		}
		if (role == null) {
			return Mono.error(new BadRequestException("A token needs a role: VIEWER, INVESTIGATOR or ADMIN"));
		}
		String value = PREFIX + randomText(32);
		return mintedInDemo(creator).flatMap(demo -> {
			ApiToken token = new ApiToken("tok_" + randomText(9), name.strip(), role, hash(value),
					this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), creator.name(), null,
					demo ? Boolean.TRUE : null, null)
				.sealed(this.key);
			return this.store.save(token).map(saved -> new CreatedToken(saved, value));
		});
	}

	/**
	 * Whether a token this caller creates hangs on demo mode: the local admin's own, and
	 * those of tokens it minted, so none outlives the demo.
	 */
	private Mono<Boolean> mintedInDemo(Caller creator) {
		if ("local".equals(creator.kind())) {
			return Mono.just(true);
		}
		if (creator.tokenId() == null) {
			return Mono.just(false);
		}
		return this.store.byId(creator.tokenId()).map(ApiToken::mintedInDemo).defaultIfEmpty(false);
	}

	Mono<List<ApiToken>> list() {
		return this.store.all();
	}

	Mono<ApiToken> revoke(String id) {
		return this.store.byId(id)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No API token has the id " + id)))
			.flatMap(token -> token.active() ? this.store
				.save(token.revoked(this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
					.sealed(this.key)) : Mono.just(token));
	}

	/**
	 * The caller a bearer value stands for, if it is the bootstrap token or an active API
	 * token.
	 */
	Mono<Caller> authenticate(String value) {
		if (this.bootstrapHash != null
				&& MessageDigest.isEqual(hash(value).getBytes(StandardCharsets.UTF_8), this.bootstrapHash)) {
			return Mono.just(new Caller("bootstrap-admin", "bootstrap", null, Role.ADMIN));
		}
		if (!value.startsWith(PREFIX)) {
			return Mono.empty();
		}
		return this.store.byHash(hash(value))
			.filter(ApiToken::active)
			// A document written straight into the index (no key, no valid seal) is no
			// token.
			.filter(token -> {
				boolean valid = token.sealValid(this.key);
				if (!valid) {
					log.warn("Refused API token " + token.id() + ": its seal is missing or wrong (written outside "
							+ "the app, or before tokens were sealed: create a new one)");
				}
				return valid;
			})
			// Demo-minted tokens die with the demo's local admin.
			.filter(token -> !token.mintedInDemo() || this.localDemoAdmin.active())
			.map(token -> new Caller(token.name(), "token", token.id(), token.role()));
	}

	static String hash(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String randomText(int bytes) {
		byte[] buffer = new byte[bytes];
		this.random.nextBytes(buffer);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
	}

	/** A token just created, with its value (shown once). */
	record CreatedToken(ApiToken token, String value) {
	}

}
