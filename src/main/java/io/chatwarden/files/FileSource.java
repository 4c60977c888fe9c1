package io.chatwarden.files;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Where file content comes from (the Compliance API's client implements it, so this
 * package knows nothing of OpenAI's shapes). Downloads are lazy, streamed buffers the
 * caller releases; they fail with {@link FileUnavailable} when the source says why.
 */
public interface FileSource {

	/** Whether the source has credentials to be asked at all. */
	boolean available();

	/** A GPT knowledge file's bytes. */
	Flux<DataBuffer> knowledgeFile(String fileId);

	/** A chat upload's bytes; {@code conversationId} is passed when known. */
	Flux<DataBuffer> attachment(String userId, String fileId, String conversationId);

}
