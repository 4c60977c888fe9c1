package io.chatwarden.dlp;

import java.util.List;

import io.chatwarden.conversation.DlpMatch;
import io.chatwarden.conversation.MessageDocument;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The {@code Message.dlp} field: what DLP found, never the values. */
@Controller
class MessageDlpController {

	@SchemaMapping(typeName = "Message")
	List<DlpMatch> dlp(MessageDocument message) {
		return message.dlp() == null ? List.of() : message.dlp();
	}

}
