package io.chatwarden.support;

import java.util.concurrent.ExecutionException;

import io.chatwarden.store.Indices;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * Exact document counts of the app's indices, after a refresh so that nothing is waited
 * for.
 */
public final class IndexCounts {

	private final OpenSearchAsyncClient client;

	private final Indices indices;

	public IndexCounts(OpenSearchAsyncClient client, Indices indices) {
		this.client = client;
		this.indices = indices;
	}

	public long count(String logicalIndex) {
		return count(logicalIndex, Query.of(q -> q.matchAll(m -> m)));
	}

	public long count(String logicalIndex, Query query) {
		String alias = this.indices.alias(logicalIndex);
		try {
			this.client.indices().refresh(r -> r.index(alias)).get();
			return this.client.count(c -> c.index(alias).query(query)).get().count();
		}
		catch (InterruptedException | ExecutionException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Removes every document of the given indices (between tests that share a context).
	 */
	public void clear(String... logicalIndices) {
		for (String logical : logicalIndices) {
			String alias = this.indices.alias(logical);
			try {
				this.client.indices().refresh(r -> r.index(alias)).get();
				this.client
					.deleteByQuery(d -> d.index(alias)
						.conflicts(org.opensearch.client.opensearch._types.Conflicts.Proceed)
						.query(q -> q.matchAll(m -> m))
						.refresh(org.opensearch.client.opensearch._types.Refresh.True))
					.get();
			}
			catch (InterruptedException | ExecutionException | java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}
