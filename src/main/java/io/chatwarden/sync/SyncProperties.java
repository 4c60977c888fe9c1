package io.chatwarden.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When and how the workspace is copied.
 *
 * @param enabled run a sync at start-up and then every {@code interval}; off, syncs run
 * only on request
 * @param interval pause between the end of one incremental sync and the start of the next
 * @param safetyMargin how far before the last high-water mark an incremental conversation
 * sync starts, so that clock skew and late updates are not missed (re-delivered
 * conversations are upserted, not doubled)
 * @param progressLogInterval how often a running sync logs its progress
 * @param conversationSource where messages come from: {@code auto} (the Compliance Logs
 * Platform, and the stateful API only where it is still served), {@code logs},
 * {@code stateful} or {@code both} (see {@link ConversationSource})
 * @param bulkConcurrency {@code _bulk} requests in flight per resource
 * @param pageConcurrency pages (or log files) mapped and written at once; checkpoints are
 * still committed in order
 * @param retentionWarning warn when the last successful run is older than this: the Logs
 * Platform keeps about 30 days, so events may have been lost
 */
@ConfigurationProperties("chatwarden.sync")
public record SyncProperties(@DefaultValue("true") boolean enabled, @DefaultValue("15m") Duration interval,
		@DefaultValue("10m") Duration safetyMargin, @DefaultValue("10s") Duration progressLogInterval,
		@DefaultValue("auto") ConversationSource conversationSource, @DefaultValue("2") int bulkConcurrency,
		@DefaultValue("2") int pageConcurrency, @DefaultValue("30d") Duration retentionWarning) {

	public SyncProperties {
		if (bulkConcurrency < 1 || pageConcurrency < 1) {
			throw new IllegalArgumentException(
					"chatwarden.sync.bulk-concurrency and page-concurrency must be at least 1");
		}
	}

}
