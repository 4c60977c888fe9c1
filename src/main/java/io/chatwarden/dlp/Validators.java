package io.chatwarden.dlp;

import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/** Checksums and impossible-value rules that turn weak patterns into strong ones. */
final class Validators {

	/** IBAN lengths of common countries; others are checked by mod-97 alone. */
	private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(Map.entry("AT", 20), Map.entry("BE", 16),
			Map.entry("CH", 21), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("ES", 24),
			Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("IE", 22), Map.entry("IT", 27),
			Map.entry("LU", 20), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25),
			Map.entry("SE", 24));

	private static final Set<String> SAMPLE_SSNS = Set.of("123456789", "078051120", "219099999", "457555462");

	private static final Set<String> RESERVED_TLDS = Set.of("example", "test", "invalid", "localhost", "local");

	private Validators() {
	}

	static boolean luhn(String digits) {
		if (digits.length() < 13 || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int d = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 1) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
		}
		return sum % 10 == 0;
	}

	/**
	 * Presidio's invalidation rules: zero groups, 000/666/9xx areas, one repeated digit,
	 * samples.
	 */
	static boolean usSsn(String digits) {
		if (digits.length() != 9 || SAMPLE_SSNS.contains(digits)) {
			return false;
		}
		String area = digits.substring(0, 3);
		if (area.equals("000") || area.equals("666") || area.charAt(0) == '9') {
			return false;
		}
		if (digits.substring(3, 5).equals("00") || digits.substring(5).equals("0000")) {
			return false;
		}
		return digits.chars().distinct().count() > 1;
	}

	/**
	 * The length an IBAN check should use: the country's, when known and no longer than
	 * what was matched (so a trailing token is not swallowed), else all of it.
	 */
	static int ibanLength(String compact) {
		Integer expected = compact.length() >= 2 ? IBAN_LENGTHS.get(compact.substring(0, 2)) : null;
		if (expected == null) {
			return compact.length();
		}
		return expected <= compact.length() ? expected : -1;
	}

	static boolean iban(String compact) {
		if (compact.length() < 15 || compact.length() > 34) {
			return false;
		}
		String rearranged = compact.substring(4) + compact.substring(0, 4);
		StringBuilder digits = new StringBuilder();
		for (char c : rearranged.toCharArray()) {
			if (Character.isDigit(c)) {
				digits.append(c);
			}
			else if (c >= 'A' && c <= 'Z') {
				digits.append(c - 'A' + 10);
			}
			else {
				return false;
			}
		}
		return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
	}

	static boolean emailDomain(String email) {
		int at = email.lastIndexOf('@');
		String domain = email.substring(at + 1).toLowerCase();
		String tld = domain.substring(domain.lastIndexOf('.') + 1);
		return domain.contains(".") && !RESERVED_TLDS.contains(tld);
	}

	/** Shannon entropy in bits per character. */
	static double entropy(String value) {
		if (value.isEmpty()) {
			return 0;
		}
		Map<Integer, Long> counts = value.chars()
			.boxed()
			.collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.stream.Collectors.counting()));
		double entropy = 0;
		for (long count : counts.values()) {
			double p = (double) count / value.length();
			entropy -= p * (Math.log(p) / Math.log(2));
		}
		return entropy;
	}

}
