package io.chatwarden.conversation;

import io.chatwarden.system.PageRequest;

/** A page of one conversation's messages: the key of the batched messages loader. */
record MessagePageKey(String conversationId, PageRequest page) {
}
