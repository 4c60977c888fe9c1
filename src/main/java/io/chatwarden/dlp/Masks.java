package io.chatwarden.dlp;

/** Previews of a matched value that cannot be used in its place. */
final class Masks {

	private static final int MAX_STARS = 8;

	private Masks() {
	}

	static String mask(DetectorSpec spec, String value) {
		String style = spec.mask() == null ? "ends" : spec.mask();
		return switch (style) {
			case "first-line" -> {
				int newline = value.indexOf('\n');
				yield (newline < 0 ? value.substring(0, Math.min(12, value.length())) : value.substring(0, newline))
						+ "[" + stars(value.length()) + "]";
			}
			case "last4" -> {
				String compact = Detector.compact(value);
				yield stars(compact.length() - 4) + compact.substring(Math.max(0, compact.length() - 4));
			}
			case "email" -> {
				int at = value.lastIndexOf('@');
				yield value.charAt(0) + stars(at - 1) + value.substring(at);
			}
			default -> ends(value, spec.keepStart() == null ? 4 : spec.keepStart(),
					spec.keepEnd() == null ? 4 : spec.keepEnd());
		};
	}

	/** Keeps a few characters at each end, never more than a quarter of the value. */
	private static String ends(String value, int keepStart, int keepEnd) {
		int budget = value.length() / 4;
		int start = Math.min(keepStart, budget);
		int end = Math.min(keepEnd, Math.max(0, budget - start));
		return value.substring(0, start) + stars(value.length() - start - end) + value.substring(value.length() - end);
	}

	private static String stars(int hidden) {
		return "*".repeat(Math.max(3, Math.min(MAX_STARS, hidden)));
	}

}
