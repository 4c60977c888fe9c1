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
 * @param conversationSource where messages come from: the Compliance Logs Platform, the
 * stateful API, or both merged (logs content preferred, see {@link ConversationSource})
 */
@ConfigurationProperties("chatwarden.sync")
public record SyncProperties(@DefaultValue("true") boolean enabled, @DefaultValue("15m") Duration interval,
		@DefaultValue("10m") Duration safetyMargin, @DefaultValue("10s") Duration progressLogInterval,
		@DefaultValue("both") ConversationSource conversationSource) {
}
