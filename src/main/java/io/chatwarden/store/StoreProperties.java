package io.chatwarden.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How Chatwarden lays out its data in OpenSearch.
 *
 * @param indexPrefix prefix of every alias and index, so that several installations (or
 * test runs) can share a cluster
 * @param bulkBatchSize documents per {@code _bulk} request
 * @param replicas replicas of every index; 0 on one node, at least 1 on a cluster so that
 * losing a node loses nothing
 * @param rollover when the time-partitioned indices (messages, events) start a new
 * generation
 * @param partitionShards primary shards of each new message and event generation (aim at
 * 10–50 GB per shard; existing generations keep theirs)
 */
@ConfigurationProperties("chatwarden.store")
public record StoreProperties(@DefaultValue("chatwarden") String indexPrefix, @DefaultValue("500") int bulkBatchSize,
		@DefaultValue("0") int replicas, @DefaultValue Rollover rollover, @DefaultValue("1") int partitionShards) {

	/**
	 * Rollover thresholds of a time-partitioned index's newest generation; any one met
	 * starts a new generation.
	 *
	 * @param maxPrimarySize primary store size
	 * @param maxDocs document count; 0 means no limit
	 * @param monthly start a generation per calendar month (UTC)
	 */
	public record Rollover(@DefaultValue("30GB") DataSize maxPrimarySize, @DefaultValue("0") long maxDocs,
			@DefaultValue("true") boolean monthly) {
	}

}
