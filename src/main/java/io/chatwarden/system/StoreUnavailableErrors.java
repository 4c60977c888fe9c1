package io.chatwarden.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.chatwarden.store.StoreFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * While the store is away, a request fails with a retryable {@code UNAVAILABLE} error and
 * a {@code retryAfter} hint (seconds) instead of an opaque INTERNAL_ERROR, and the log
 * gets one line per failure with at most one stack trace a minute: fifty clients retrying
 * must not flood the log.
 */
@Component
class StoreUnavailableErrors extends DataFetcherExceptionResolverAdapter {

	static final ErrorClassification UNAVAILABLE = ErrorClassification.errorClassification("UNAVAILABLE");

	private static final Log log = LogFactory.getLog(StoreUnavailableErrors.class);

	private static final Duration STACK_TRACE_INTERVAL = Duration.ofMinutes(1);

	private final AtomicReference<Instant> lastStackTrace = new AtomicReference<>(Instant.EPOCH);

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (!StoreFailures.unavailable(ex)) {
			return null;
		}
		logQuietly(ex);
		return GraphqlErrorBuilder.newError(env)
			.errorType(UNAVAILABLE)
			.message("The data store is unavailable; retry in a few seconds")
			.extensions(Map.of("retryAfter", StoreFailures.RETRY_AFTER.toSeconds()))
			.build();
	}

	private void logQuietly(Throwable ex) {
		Instant now = Instant.now();
		Instant last = this.lastStackTrace.get();
		boolean withTrace = now.isAfter(last.plus(STACK_TRACE_INTERVAL))
				&& this.lastStackTrace.compareAndSet(last, now);
		String line = "Store unavailable: " + ex.getClass().getSimpleName();
		if (withTrace) {
			log.warn(line + " (stack trace at most once a minute)", ex);
		}
		else {
			log.warn(line);
		}
	}

}
