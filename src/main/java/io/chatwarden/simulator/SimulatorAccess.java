package io.chatwarden.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the simulator ({@code chatwarden.simulator.access.*}). It answers loopback
 * peers only, whatever this says; a web page cannot send the key (that needs a CORS
 * preflight nobody answers), and the fault switch takes JSON only.
 *
 * @param apiKey the only bearer key accepted; blank accepts any (the standalone test
 * server)
 * @param faultsEndpoint serve {@code POST /simulator/_faults}: a test switch, off in the
 * app
 */
@ConfigurationProperties("chatwarden.simulator.access")
public record SimulatorAccess(String apiKey, @DefaultValue("false") boolean faultsEndpoint) {

	/** The standalone test server: any key, faults switchable. */
	public static final SimulatorAccess TESTS = new SimulatorAccess(null, true);

	boolean accepts(String key) {
		return this.apiKey == null || this.apiKey.isBlank()
				|| java.security.MessageDigest.isEqual(this.apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8),
						key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "SimulatorAccess[apiKey=" + (this.apiKey == null ? "any" : "***") + ", faultsEndpoint="
				+ this.faultsEndpoint + "]";
	}

}
