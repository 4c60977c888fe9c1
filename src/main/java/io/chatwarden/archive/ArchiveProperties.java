package io.chatwarden.archive;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the copy is kept and where it is backed up.
 *
 * @param retention how long message and event generations are kept after their newest
 * document; unset keeps them forever (the default)
 * @param legalHold blocks every deletion by retention, whatever {@code retention} says
 * @param snapshot scheduled snapshots
 */
@ConfigurationProperties("chatwarden.archive")
public record ArchiveProperties(Duration retention, @DefaultValue("false") boolean legalHold,
		@DefaultValue Snapshot snapshot) {

	/**
	 * Scheduled snapshots of every index of this installation.
	 *
	 * @param enabled take snapshots on schedule
	 * @param interval time between snapshots, counted from the last one on any instance
	 * @param keep how many of this installation's snapshots to keep; older ones are
	 * deleted
	 * @param repository the snapshot repository's name; default
	 * {@code <prefix>-snapshots}
	 * @param type repository type: {@code fs} (a folder under the cluster's
	 * {@code path.repo}; the embedded node's is {@code <data-dir>/snapshots}), or
	 * {@code s3}, {@code gcs}, {@code azure} on a cluster with those plugins
	 * @param settings repository settings; for {@code fs} the default location is the
	 * index prefix (relative to {@code path.repo})
	 */
	public record Snapshot(@DefaultValue("true") boolean enabled, @DefaultValue("24h") Duration interval,
			@DefaultValue("14") int keep, String repository, @DefaultValue("fs") String type,
			@DefaultValue Map<String, String> settings) {
	}

}
