package io.chatwarden.store;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * Tells "the store is away" (a pause: retry later, keep every checkpoint) from a failure
 * of one request or document (a real error). Connection failures, time-outs, cluster
 * blocks (what a full disk sets) and 429/502/503/504 answers mean the store is
 * unavailable.
 */
public final class StoreFailures {

	/** How long a caller should wait before trying again while the store is away. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private static final Set<Integer> UNAVAILABLE_STATUSES = Set.of(429, 502, 503, 504);

	private StoreFailures() {
	}

	/** Whether the failure, or any of its causes, means the store is unavailable. */
	public static boolean unavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (unavailableItself(cause)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static boolean unavailableItself(Throwable failure) {
		if (failure instanceof SocketException || failure instanceof SocketTimeoutException
				|| failure instanceof HttpTimeoutException || failure instanceof TimeoutException
				|| failure instanceof ConnectionClosedException || failure instanceof NoHttpResponseException
				|| failure instanceof ClosedChannelException) {
			return true;
		}
		if (failure instanceof ResponseException response) {
			return UNAVAILABLE_STATUSES.contains(response.status());
		}
		if (failure instanceof OpenSearchException error) {
			return UNAVAILABLE_STATUSES.contains(error.status()) || blocked(error.error().type());
		}
		return blocked(failure.getMessage());
	}

	/** A cluster or index block, such as the read-only block a full disk sets. */
	public static boolean blocked(String text) {
		return text != null && text.contains("cluster_block_exception");
	}

}
