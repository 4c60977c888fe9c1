package io.chatwarden.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic random streams and id shapes derived from the workspace seed. */
final class Seeds {

	private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private Seeds() {
	}

	/** Stafford variant 13 finaliser: spreads nearby inputs over the whole range. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

	static long hash(long seed, long... parts) {
		long h = mix(seed ^ 0x9e3779b97f4a7c15L);
		for (long part : parts) {
			h = mix(h ^ (part + 0x9e3779b97f4a7c15L));
		}
		return h;
	}

	/** An independent stream for one purpose (a stream name) and one item. */
	static SplittableRandom rng(long seed, long stream, long... item) {
		long[] parts = new long[item.length + 1];
		parts[0] = stream;
		System.arraycopy(item, 0, parts, 1, item.length);
		return new SplittableRandom(hash(seed, parts));
	}

	static String alnum(SplittableRandom rng, int length) {
		return pick(rng, ALNUM, length);
	}

	static String upperAlnum(SplittableRandom rng, int length) {
		return pick(rng, UPPER_ALNUM, length);
	}

	static String hex(SplittableRandom rng, int length) {
		StringBuilder sb = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			sb.append(Character.forDigit(rng.nextInt(16), 16));
		}
		return sb.toString();
	}

	/** A version-4 shaped UUID string. */
	static String uuid(SplittableRandom rng) {
		return uuid(rng.nextLong(), rng.nextLong());
	}

	static String uuid(long msb, long lsb) {
		msb = (msb & ~0xF000L) | 0x4000L;
		lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new java.util.UUID(msb, lsb).toString();
	}

	static <T> T oneOf(SplittableRandom rng, List<T> values) {
		return values.get(rng.nextInt(values.size()));
	}

	/** Compliance API timestamps: float seconds with microseconds. */
	static BigDecimal floatSeconds(Instant instant) {
		long micros = Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1_000;
		return BigDecimal.valueOf(micros, 6);
	}

	private static String pick(SplittableRandom rng, String alphabet, int length) {
		StringBuilder sb = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
		}
		return sb.toString();
	}

}
