package io.chatwarden.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chatwarden.dlp.DetectorCatalog;
import io.chatwarden.dlp.DetectorSpec;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Every finding type: the posture types, the event types and one {@code dlp-<detector>}
 * type per DLP detector, with severity overrides and ignores applied (a setting made
 * through the API wins over configuration).
 */
@Component
class FindingCatalog {

	static final String DLP_PREFIX = "dlp-";

	private final Map<String, FindingType> configured;

	private final TypeSettingsStore settings;

	private final List<String> secretDetectors;

	FindingCatalog(DetectorCatalog detectors, FindingsProperties properties, TypeSettingsStore settings) {
		this.settings = settings;
		Map<String, FindingType> types = new LinkedHashMap<>();
		PostureTypes.ALL.forEach(type -> types.put(type.id(), type));
		EventTypes.ALL.forEach(type -> types.put(type.id(), type));
		for (DetectorSpec spec : detectors.specs()) {
			types.put(DLP_PREFIX + spec.id(), dlpType(spec));
		}
		properties.types().forEach((id, override) -> {
			FindingType type = types.get(id);
			if (type == null) {
				throw new IllegalStateException("chatwarden.findings.types: no finding type " + id);
			}
			types.put(id, type.with(override.severity(), override.ignored()));
		});
		this.configured = Map.copyOf(types);
		this.secretDetectors = detectors.specs().stream().filter(DetectorSpec::secret).map(DetectorSpec::id).toList();
	}

	/** Every type with its settings in force, in catalogue order. */
	Mono<List<FindingType>> types() {
		return this.settings.all().map(stored -> {
			List<FindingType> result = new ArrayList<>();
			for (FindingType type : ordered()) {
				TypeSettingsStore.Settings s = stored.get(type.id());
				result.add(s == null ? type : type.with(s.severity(), s.ignored()));
			}
			return result;
		});
	}

	Mono<Map<String, FindingType>> byId() {
		return types().map(list -> {
			Map<String, FindingType> map = new LinkedHashMap<>();
			list.forEach(type -> map.put(type.id(), type));
			return map;
		});
	}

	boolean exists(String typeId) {
		return this.configured.containsKey(typeId);
	}

	/** The DLP detectors whose values are credentials. */
	List<String> secretDetectors() {
		return this.secretDetectors;
	}

	List<String> dlpTypeIds() {
		return ordered().stream().map(FindingType::id).filter(id -> id.startsWith(DLP_PREFIX)).toList();
	}

	private List<FindingType> ordered() {
		List<FindingType> list = new ArrayList<>();
		PostureTypes.ALL.forEach(type -> list.add(this.configured.get(type.id())));
		EventTypes.ALL.forEach(type -> list.add(this.configured.get(type.id())));
		this.configured.values()
			.stream()
			.filter(type -> type.id().startsWith(DLP_PREFIX))
			.sorted(java.util.Comparator.comparing(FindingType::id))
			.forEach(list::add);
		return list;
	}

	private static FindingType dlpType(DetectorSpec spec) {
		Severity severity = Severity.valueOf(spec.severity());
		String remediation = spec.secret()
				? "Revoke and rotate the credential now: it left your control when it was pasted. Then tell the user why."
				: "Check whether this data may be shared with ChatGPT under your policy; delete the conversation if not and tell the user.";
		return FindingType.of(DLP_PREFIX + spec.id(), "DLP: " + spec.name(), "dlp", severity, "conversation",
				"Message text in a conversation matched the " + spec.name() + " detector (masked previews only).",
				remediation);
	}

}
