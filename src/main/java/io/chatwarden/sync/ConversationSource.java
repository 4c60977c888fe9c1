package io.chatwarden.sync;

/**
 * Where conversation messages come from ({@code chatwarden.sync.conversation-source}).
 * With {@link #BOTH}, a message both paths deliver is one document: the logs' content
 * (text, content type, citations, files, time) wins over the stateful API's whichever
 * path writes last, and each path adds the fields only it knows (reading position from
 * the stateful API; model, tools used, client type and flags from the logs).
 */
public enum ConversationSource {

	/** Only {@code CONVERSATION_MESSAGE} events of the Compliance Logs Platform. */
	LOGS,

	/** Only the stateful {@code GET /conversations}. */
	STATEFUL,

	/** Both, merged into the same documents. */
	BOTH;

	boolean usesLogs() {
		return this != STATEFUL;
	}

	boolean usesStateful() {
		return this != LOGS;
	}

}
