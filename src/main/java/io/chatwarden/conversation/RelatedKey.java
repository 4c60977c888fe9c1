package io.chatwarden.conversation;

import io.chatwarden.system.PageRequest;

/**
 * A page of one conversation's related conversations: the key of the batched loader.
 */
record RelatedKey(ConversationDocument conversation, int days, PageRequest page) {
}
