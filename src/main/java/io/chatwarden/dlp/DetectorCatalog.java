package io.chatwarden.dlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The detectors in force: the built-in {@code dlp/detectors.json}, then an organization's
 * own file ({@code chatwarden.dlp.detectors-file}) whose detectors are added or replace
 * built-in ones by id, and whose stoplist is added.
 */
@Component
public class DetectorCatalog {

	private static final Log log = LogFactory.getLog(DetectorCatalog.class);

	private static final ObjectMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final List<Detector> detectors;

	public DetectorCatalog(DlpProperties properties) {
		DetectorFile builtIn = read("built-in dlp/detectors.json",
				() -> new ClassPathResource("dlp/detectors.json").getInputStream());
		DetectorFile extra = properties.detectorsFile() == null ? new DetectorFile(null, null)
				: read(properties.detectorsFile().toString(), () -> Files.newInputStream(properties.detectorsFile()));
		Set<String> stoplist = new java.util.HashSet<>();
		for (String value : concat(builtIn.stoplist(), extra.stoplist())) {
			stoplist.add(Detector.compact(value).toUpperCase(Locale.ROOT));
		}
		Map<String, DetectorSpec> byId = new LinkedHashMap<>();
		builtIn.detectors().forEach(spec -> byId.put(spec.id(), spec));
		extra.detectors().forEach(spec -> byId.put(spec.id(), spec));
		Set<String> frozen = Set.copyOf(stoplist);
		this.detectors = byId.values().stream().map(spec -> new Detector(spec, frozen)).toList();
		log.info("DLP detectors: " + this.detectors.stream().map(d -> d.spec.id()).collect(Collectors.joining(", ")));
	}

	/** Detectors in priority order (earlier wins where matches overlap). */
	List<Detector> detectors() {
		return this.detectors;
	}

	public List<DetectorSpec> specs() {
		return this.detectors.stream().map(d -> d.spec).toList();
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static DetectorFile read(String name, Source source) {
		try (InputStream in = source.open()) {
			return JSON.readValue(in, DetectorFile.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the DLP detectors file " + name, ex);
		}
	}

	@FunctionalInterface
	private interface Source {

		InputStream open() throws IOException;

	}

}
