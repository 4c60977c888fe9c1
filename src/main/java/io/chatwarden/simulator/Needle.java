package io.chatwarden.simulator;

import java.util.List;

/**
 * A rare phrase planted in exactly known conversations, for search tests.
 *
 * @param phrase the words, adjacent and in this order
 * @param conversationIds every conversation holding the phrase
 * @param scatteredIn conversations holding the same words apart (not a phrase match)
 */
public record Needle(String phrase, List<String> conversationIds, List<String> scatteredIn) {

	public Needle {
		conversationIds = List.copyOf(conversationIds);
		scatteredIn = List.copyOf(scatteredIn);
	}

}
