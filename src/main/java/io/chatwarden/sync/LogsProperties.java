package io.chatwarden.sync;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the Compliance Logs Platform is read ({@code chatwarden.sync.logs.*}).
 *
 * @param enabled read {@code /logs} at all (a 404 there also skips it, with the reason)
 * @param eventTypes the event types listed, one listing and checkpoint each; events of
 * types not listed here that come inside a file are stored as they are
 * @param backfill how far back the first run starts (the platform keeps about 30 days)
 * @param pageSize files per listing page
 * @param fileAttempts downloads of one file, the first included, before the run gives up
 * on it (the next run resumes there)
 */
@ConfigurationProperties("chatwarden.sync.logs")
public record LogsProperties(@DefaultValue("true") boolean enabled, @DefaultValue( {
		"CONVERSATION_MESSAGE", "AUDIT_LOG", "AUTH_LOG", "APP_LOG", "APP_AUTH_LOG", "CODEX_LOG", "CODEX_SECURITY_LOG",
		"CUSTOM_AGENTS_LOG" }) List<String> eventTypes, @DefaultValue("30d") Duration backfill,
		@DefaultValue("100") int pageSize, @DefaultValue("3") int fileAttempts){

	public LogsProperties {
		eventTypes = List.copyOf(eventTypes);
		if (pageSize < 1 || pageSize > 100) {
			throw new IllegalArgumentException("chatwarden.sync.logs.page-size must be between 1 and 100");
		}
		if (fileAttempts < 1) {
			throw new IllegalArgumentException("chatwarden.sync.logs.file-attempts must be at least 1");
		}
	}

}
