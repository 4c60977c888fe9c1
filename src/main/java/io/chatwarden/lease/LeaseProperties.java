package io.chatwarden.lease;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a lease lasts without renewal, and who this instance is.
 *
 * @param duration how long a lease holds without renewal; another instance takes over
 * this long after the holder died (renewed every third of it)
 * @param instanceId this instance's name in leases; default host name and process id
 */
@ConfigurationProperties("chatwarden.lease")
public record LeaseProperties(@DefaultValue("30s") Duration duration, String instanceId) {

	Duration renewEvery() {
		return this.duration.dividedBy(3);
	}

}
