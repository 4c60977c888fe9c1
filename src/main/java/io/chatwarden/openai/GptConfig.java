package io.chatwarden.openai;

import java.time.Instant;
import java.util.List;

/** One version of a GPT's configuration: its tools and knowledge files. */
public record GptConfig(String id, String name, String description, List<String> categories,
		List<String> conversationStarters, Instant createdAt, String instructions, String versionAuthorId,
		String versionAuthorEmail, List<FileRef> files, List<GptTool> tools) {

	public GptConfig {
		categories = categories == null ? List.of() : List.copyOf(categories);
		conversationStarters = conversationStarters == null ? List.of() : List.copyOf(conversationStarters);
		files = files == null ? List.of() : List.copyOf(files);
		tools = tools == null ? List.of() : List.copyOf(tools);
	}

}
