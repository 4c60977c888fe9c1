package io.chatwarden.openai;

import java.time.Instant;

/**
 * A file's metadata (never its content or download URL, which expires within the hour).
 */
public record FileRef(String id, String name, Instant createdAt) {
}
