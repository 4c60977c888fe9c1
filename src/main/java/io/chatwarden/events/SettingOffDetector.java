package io.chatwarden.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chatwarden.store.Indices;
import org.opensearch.client.opensearch.OpenSearchAsyncClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * A workspace security setting (SSO, SCIM, IP allow-list, …) whose latest successful
 * toggle turned it off. Turning it on again resolves it; other settings never count.
 */
@Component
class SettingOffDetector implements EventDetector {

	private final OpenSearchAsyncClient client;

	private final String index;

	private final EventDetectionProperties properties;

	SettingOffDetector(OpenSearchAsyncClient client, Indices indices, EventDetectionProperties properties) {
		this.client = client;
		this.index = indices.alias(Indices.EVENTS);
		this.properties = properties;
	}

	@Override
	public String typeId() {
		return "workspace-security-setting-off";
	}

	@Override
	public String name() {
		return "Workspace security setting turned off";
	}

	@Override
	public String severity() {
		return "HIGH";
	}

	@Override
	public Flux<EventDetection> detect(Instant now) {
		Query query = Query
			.of(q -> q.bool(b -> b.filter(EventFilter.terms("setting", this.properties.securitySettings()))
				.filter(f -> f.exists(e -> e.field("settingEnabled")))
				.filter(LatestEvents.succeeded())));
		return CompositeScan
			.scan(this.client, this.index, query, List.of(Map.of("setting", CompositeScan.terms("setting"))),
					Map.of("latest", LatestEvents.latest()))
			.map(LatestEvents::latest)
			.filter(event -> Boolean.FALSE.equals(event.settingEnabled()))
			.map(event -> new EventDetection(typeId(), "setting", event.setting(),
					event.setting() + " was turned off by " + event.actor(), event.timestamp(), event.timestamp(),
					List.of(event.eventId())));
	}

}
