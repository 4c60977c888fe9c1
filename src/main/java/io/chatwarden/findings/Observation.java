package io.chatwarden.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What one rule saw in one evaluation: a type holding for a resource.
 *
 * @param matchCount how many matches (messages, recipients…) stand behind it
 * @param conversationIds the conversations behind a DLP finding (empty for others)
 */
record Observation(String typeId, String resourceType, String resourceId, String resourceName, String detail,
		long matchCount, List<String> conversationIds) {

	Observation {
		conversationIds = conversationIds == null ? List.of() : List.copyOf(conversationIds);
	}

	static Observation of(String typeId, String resourceType, String resourceId, String resourceName) {
		return new Observation(typeId, resourceType, resourceId, resourceName, null, 1, List.of());
	}

	/** The stable id: the same type and resource always give the same finding. */
	String findingId() {
		return id(this.typeId, this.resourceType, this.resourceId);
	}

	static String id(String typeId, String resourceType, String resourceId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((typeId + "\n" + resourceType + "\n" + resourceId).getBytes(StandardCharsets.UTF_8));
			return "f-" + HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
