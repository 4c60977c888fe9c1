/**
 * Keeping the archive: scheduled snapshots to a repository with their retention, the
 * retention of old message and event generations with a legal hold that blocks it, and
 * the last snapshot in the API and metrics. OpenAI keeps compliance logs for about 30
 * days, so this copy is often the only long-term record.
 */
package io.chatwarden.archive;
