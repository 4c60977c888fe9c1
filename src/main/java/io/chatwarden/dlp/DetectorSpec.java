package io.chatwarden.dlp;

import java.util.List;

/**
 * One detector as written in a detectors file: a pattern plus the rules that keep it from
 * firing on look-alikes. See {@code dlp/detectors.json} for the field reference.
 */
public record DetectorSpec(String id, String name, String severity, String category, String pattern, Integer group,
		List<String> keywords, List<String> contextWords, Integer contextWindow, Boolean requireContext,
		Double minEntropy, String validator, List<String> stopwords, String normalize, String mask, Integer keepStart,
		Integer keepEnd, Boolean needsDigit, Integer minDigits) {

	public DetectorSpec {
		keywords = keywords == null ? List.of() : List.copyOf(keywords);
		contextWords = contextWords == null ? List.of() : List.copyOf(contextWords);
		stopwords = stopwords == null ? List.of() : List.copyOf(stopwords);
	}

	/**
	 * The fewest digits a text must hold for the pattern to match it: {@code minDigits},
	 * or 1 with {@code needsDigit}.
	 */
	int digitsNeeded() {
		int needed = (this.minDigits != null) ? this.minDigits : 0;
		return Boolean.TRUE.equals(this.needsDigit) ? Math.max(needed, 1) : needed;
	}

	/**
	 * Values of this category are credentials: the same one in several chats is a
	 * finding.
	 */
	public boolean secret() {
		return "secret".equals(this.category);
	}

}
