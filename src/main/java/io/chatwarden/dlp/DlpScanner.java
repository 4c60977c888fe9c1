package io.chatwarden.dlp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.chatwarden.conversation.DlpMatch;
import io.chatwarden.dlp.Detector.Candidate;

import org.springframework.stereotype.Component;

/**
 * Scans message text as it is indexed. Overlapping matches keep the earlier detector's
 * (the more specific); the same value twice in a text is one match with a count.
 */
@Component
public class DlpScanner {

	private final DetectorCatalog catalog;

	private final SecretKeySpec key;

	private final boolean enabled;

	public DlpScanner(DetectorCatalog catalog, DlpProperties properties) {
		this.catalog = catalog;
		this.enabled = properties.enabled();
		this.key = new SecretKeySpec(DlpSalt.resolve(properties), "HmacSHA256");
	}

	public DlpResult scan(String text) {
		if (!this.enabled || text == null || text.isEmpty()) {
			return new DlpResult(text, List.of());
		}
		String lower = text.toLowerCase(Locale.ROOT);
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			if (Character.isDigit(text.charAt(i))) {
				digits++;
			}
		}
		List<Candidate> candidates = new ArrayList<>();
		List<Detector> detectors = this.catalog.detectors();
		for (Detector detector : detectors) {
			detector.find(text, lower, digits, candidates);
		}
		if (candidates.isEmpty()) {
			return new DlpResult(text, List.of());
		}
		candidates.sort(Comparator.comparingInt((Candidate c) -> detectors.indexOf(c.detector()))
			.thenComparingInt(Candidate::start));
		List<Candidate> kept = new ArrayList<>();
		for (Candidate candidate : candidates) {
			if (kept.stream().noneMatch(candidate::overlaps)) {
				kept.add(candidate);
			}
		}
		kept.sort(Comparator.comparingInt(Candidate::start));
		Map<String, DlpMatch> matches = new LinkedHashMap<>();
		StringBuilder redacted = new StringBuilder(text.length());
		int at = 0;
		for (Candidate candidate : kept) {
			DetectorSpec spec = candidate.detector().spec;
			String masked = Masks.mask(spec, candidate.value());
			String hash = hash(spec.id(), candidate.detector().normalized(candidate.value()));
			matches.merge(hash, new DlpMatch(spec.id(), spec.severity(), masked, hash, 1),
					(a, b) -> new DlpMatch(a.detector(), a.severity(), a.masked(), a.hash(), a.count() + 1));
			redacted.append(text, at, candidate.start()).append(masked);
			at = candidate.end();
		}
		redacted.append(text, at, text.length());
		return new DlpResult(redacted.toString(), List.copyOf(matches.values()));
	}

	/**
	 * A salted hash of a value, to link the same value across messages without keeping
	 * it.
	 */
	String hash(String detectorId, String normalized) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			byte[] digest = mac.doFinal((detectorId + ":" + normalized).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
