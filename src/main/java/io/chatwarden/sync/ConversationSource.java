package io.chatwarden.sync;

/**
 * Where conversation messages come from ({@code chatwarden.sync.conversation-source}).
 * Where both paths deliver a message it is one document: the logs' content (text, content
 * type, citations, files, time) wins over the stateful API's whichever path writes last,
 * and each path adds the fields only it knows.
 */
public enum ConversationSource {

	/**
	 * The Compliance Logs Platform, plus the stateful {@code GET /conversations} where
	 * the workspace still serves it: a 410 there marks it retired (information, not an
	 * error) and it is not asked again for a day.
	 */
	AUTO,

	/** Only {@code CONVERSATION_MESSAGE} events of the Compliance Logs Platform. */
	LOGS,

	/** Only the stateful {@code GET /conversations}. */
	STATEFUL,

	/** Both, merged into the same documents (a 410 is an error here). */
	BOTH;

	boolean usesLogs() {
		return this != STATEFUL;
	}

	boolean usesStateful() {
		return this != LOGS;
	}

}
