package io.chatwarden.dlp;

import java.util.List;

/**
 * The shape of a detectors file: documented sample values that never match, and the
 * detectors.
 */
record DetectorFile(List<String> stoplist, List<DetectorSpec> detectors) {

	DetectorFile {
		stoplist = stoplist == null ? List.of() : List.copyOf(stoplist);
		detectors = detectors == null ? List.of() : List.copyOf(detectors);
	}

}
