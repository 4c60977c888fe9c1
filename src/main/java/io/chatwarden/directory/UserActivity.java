package io.chatwarden.directory;

import java.time.Instant;

/** A workspace user's conversation count and last conversation activity. */
record UserActivity(long conversationCount, Instant lastActiveAt) {

	static final UserActivity NONE = new UserActivity(0, null);

}
