package io.chatwarden.sync;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the Compliance Logs Platform is read ({@code chatwarden.sync.logs.*}).
 *
 * @param enabled read {@code /logs} at all (a 404 there also skips it, with the reason)
 * @param eventTypes the event types listed, one listing and checkpoint each (any name is
 * accepted; a type the workspace does not serve is skipped with a note, and one failing
 * type never stops the others); events of other types that come inside a file are stored
 * whole
 * @param backfill how far back the first run starts (the platform keeps about 30 days)
 * @param pageSize files per listing page
 * @param fileAttempts downloads of one file whose sha256 does not match, the first
 * included, before it is dead-lettered with the reason (a broken download is retried by
 * time instead: {@code chatwarden.sync.recovery.download-*})
 * @param concurrency log files downloaded at once per event type (the documented limit is
 * 100 item calls a minute)
 */
@ConfigurationProperties("chatwarden.sync.logs")
public record LogsProperties(@DefaultValue("true") boolean enabled, @DefaultValue( {
		"CONVERSATION_MESSAGE", "AUDIT_LOG", "AUTH_LOG", "APP_LOG", "APP_AUTH_LOG", "CODEX_LOG", "CODEX_SECURITY_LOG",
		"CUSTOM_AGENTS_LOG", "MEMORY_CONTEXT" }) List<String> eventTypes, @DefaultValue("30d") Duration backfill,
		@DefaultValue("100") int pageSize, @DefaultValue("3") int fileAttempts, @DefaultValue("2") int concurrency){

	public LogsProperties {
		eventTypes = List.copyOf(eventTypes);
		if (pageSize < 1 || pageSize > 100) {
			throw new IllegalArgumentException("chatwarden.sync.logs.page-size must be between 1 and 100");
		}
		if (concurrency < 1 || concurrency > 16) {
			throw new IllegalArgumentException("chatwarden.sync.logs.concurrency must be between 1 and 16");
		}
		if (fileAttempts < 1) {
			throw new IllegalArgumentException("chatwarden.sync.logs.file-attempts must be at least 1");
		}
	}

}
