package io.chatwarden.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

/**
 * Bridges the async client into Reactor lazily: the request starts on subscription, never
 * when built.
 */
public final class OpenSearchCalls {

	private OpenSearchCalls() {
	}

	public static <T> Mono<T> mono(IoCall<T> call) {
		return Mono.fromFuture(() -> {
			try {
				return call.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** An async client call; its methods declare {@link IOException}. */
	@FunctionalInterface
	public interface IoCall<T> {

		CompletableFuture<T> start() throws IOException;

	}

}
