package io.chatwarden.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Chatwarden lays out its data in OpenSearch.
 *
 * @param indexPrefix prefix of every alias and index, so that several installations (or
 * test runs) can share a cluster
 * @param bulkBatchSize documents per {@code _bulk} request
 */
@ConfigurationProperties("chatwarden.store")
public record StoreProperties(@DefaultValue("chatwarden") String indexPrefix, @DefaultValue("500") int bulkBatchSize) {
}
