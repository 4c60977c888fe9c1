package io.chatwarden.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.chatwarden.system.SecretFile;

import org.springframework.stereotype.Component;

/**
 * The app's integrity key ({@code chatwarden.audit.key}, or generated into a 0600 file):
 * it seals what a process that can write to the cluster must not be able to forge
 * unnoticed, the audit chain and the API tokens. It lives outside the cluster, so write
 * access to the indices is not enough to produce a valid seal.
 */
@Component
public class IntegrityKey {

	private final SecretKeySpec key;

	IntegrityKey(AuditProperties properties) {
		String secret = (properties.key() != null && !properties.key().isBlank()) ? properties.key()
				: SecretFile.readOrCreate(properties.keyFileOrDefault(), 32);
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/** HMAC-SHA256 of the text, as hex. */
	public String seal(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Fields in a fixed order, each length-prefixed, so that no two different records
	 * read the same.
	 */
	public static String canonical(Object... fields) {
		StringBuilder text = new StringBuilder();
		for (Object field : fields) {
			if (field == null) {
				text.append("-;");
			}
			else {
				String value = field.toString();
				text.append(value.length()).append(':').append(value).append(';');
			}
		}
		return text.toString();
	}

	@Override
	public String toString() {
		return "IntegrityKey[***]";
	}

}
