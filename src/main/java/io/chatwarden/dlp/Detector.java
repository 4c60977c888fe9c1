package io.chatwarden.dlp;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A compiled detector: finds candidate values in a text and keeps the valid ones. */
final class Detector {

	private static final int DEFAULT_WINDOW = 60;

	final DetectorSpec spec;

	private final Pattern pattern;

	private final List<String> keywords;

	private final List<String> stopwords;

	private final List<String> contextWords;

	private final Set<String> stoplist;

	Detector(DetectorSpec spec, Set<String> stoplist) {
		if (spec.id() == null || !spec.id().matches("[a-z0-9-]{1,40}")) {
			throw new IllegalArgumentException(
					"A detector id is 1-40 lower-case letters, digits or dashes: " + spec.id());
		}
		if (spec.pattern() == null) {
			throw new IllegalArgumentException("Detector " + spec.id() + " has no pattern");
		}
		this.spec = spec;
		this.pattern = Pattern.compile(spec.pattern());
		this.keywords = spec.keywords().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
		this.stopwords = spec.stopwords().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
		this.contextWords = spec.contextWords().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
		this.stoplist = stoplist;
	}

	/**
	 * Valid matches in the text; {@code lower} is the text in lower case and
	 * {@code digits} how many digits it holds (both shared by all detectors).
	 */
	void find(String text, String lower, int digits, List<Candidate> out) {
		// Cheap prefilters before the pattern: most texts rule most detectors out.
		// Each is exact: a match needs that many digits, a keyword, or (when required)
		// a context word before it, which is then somewhere in the text.
		if (digits < this.spec.digitsNeeded()
				|| (!this.keywords.isEmpty() && this.keywords.stream().noneMatch(lower::contains))
				|| (Boolean.TRUE.equals(this.spec.requireContext())
						&& this.contextWords.stream().noneMatch(lower::contains))) {
			return;
		}
		Matcher matcher = this.pattern.matcher(text);
		int group = this.spec.group() == null ? 0 : this.spec.group();
		while (matcher.find()) {
			int start = matcher.start(group);
			int end = matcher.end(group);
			if (start < 0) {
				continue;
			}
			String value = text.substring(start, end);
			if ("iban".equals(this.spec.validator())) {
				int length = Validators.ibanLength(compact(value));
				if (length < 0) {
					continue;
				}
				end = start + spanOfCompactLength(value, length);
				value = text.substring(start, end);
			}
			if (accept(value, lower, start)) {
				out.add(new Candidate(this, start, end, value));
			}
		}
	}

	private boolean accept(String value, String lower, int start) {
		String lowerValue = value.toLowerCase(Locale.ROOT);
		if (this.stoplist.contains(compact(value).toUpperCase(Locale.ROOT))
				|| this.stopwords.stream().anyMatch(lowerValue::contains)) {
			return false;
		}
		if (this.spec.minEntropy() != null && Validators.entropy(value) < this.spec.minEntropy()) {
			return false;
		}
		if (Boolean.TRUE.equals(this.spec.requireContext()) && !hasContext(lower, start)) {
			return false;
		}
		String validator = this.spec.validator();
		if (validator == null) {
			return true;
		}
		return switch (validator) {
			case "luhn" -> Validators.luhn(compact(value));
			case "us-ssn" -> Validators.usSsn(compact(value));
			case "iban" -> Validators.iban(compact(value).toUpperCase(Locale.ROOT));
			case "email-domain" -> Validators.emailDomain(value);
			default ->
				throw new IllegalStateException("Detector " + this.spec.id() + ": unknown validator " + validator);
		};
	}

	private boolean hasContext(String lower, int start) {
		int window = this.spec.contextWindow() == null ? DEFAULT_WINDOW : this.spec.contextWindow();
		String before = lower.substring(Math.max(0, start - window), start);
		return this.contextWords.stream().anyMatch(before::contains);
	}

	/** The value as hashed: compacted for numbers people write with separators. */
	String normalized(String value) {
		return "compact".equals(this.spec.normalize()) ? compact(value).toUpperCase(Locale.ROOT) : value;
	}

	static String compact(String value) {
		return value.replaceAll("[\\s\\-.()]", "");
	}

	private static int spanOfCompactLength(String value, int compactLength) {
		int seen = 0;
		for (int i = 0; i < value.length(); i++) {
			if (!Character.isWhitespace(value.charAt(i)) && value.charAt(i) != '-') {
				seen++;
				if (seen == compactLength) {
					return i + 1;
				}
			}
		}
		return value.length();
	}

	/** A value a detector accepted, by position in the text. */
	record Candidate(Detector detector, int start, int end, String value) {

		boolean overlaps(Candidate other) {
			return this.start < other.end && other.start < this.end;
		}

	}

}
