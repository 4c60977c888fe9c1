package io.chatwarden.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Installs every index of {@code index-mappings/} at start-up behind its alias. A file's
 * {@code version} names the concrete index ({@code <alias>-v<version>}): a new version is
 * created, filled from the old one with {@code _reindex}, and the alias moved in one
 * step, so a mapping change never loses data. Fields added without a version change are
 * put onto the live index.
 */
@Component
public class IndexInstaller implements InitializingBean {

	private static final Log log = LogFactory.getLog(IndexInstaller.class);

	private final RawRequests requests;

	private final Indices indices;

	private final ObjectMapper json = new ObjectMapper();

	private final int replicas;

	private final int partitionShards;

	IndexInstaller(RawRequests requests, Indices indices, StoreProperties properties) {
		this.requests = requests;
		this.indices = indices;
		this.replicas = properties.replicas();
		this.partitionShards = properties.partitionShards();
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:index-mappings/*.json")) {
			String logicalName = resource.getFilename().replaceFirst("\\.json$", "");
			try (InputStream in = resource.getInputStream()) {
				ObjectNode definition = (ObjectNode) this.json.readTree(in);
				boolean partitioned = TimePartitions.partitioned(logicalName);
				ObjectNode settings = (ObjectNode) definition.path("settings");
				settings.put("number_of_replicas", this.replicas);
				if (partitioned) {
					settings.put("number_of_shards", this.partitionShards);
				}
				install(this.indices.alias(logicalName), definition, partitioned);
			}
		}
	}

	void install(String alias, ObjectNode definition) throws IOException {
		install(alias, definition, false);
	}

	void install(String alias, ObjectNode definition, boolean partitioned) throws IOException {
		int version = definition.path("version").asInt(1);
		String target = alias + "-v" + version;
		ObjectNode body = this.json.createObjectNode();
		body.set("settings", definition.path("settings"));
		body.set("mappings", definition.path("mappings"));
		if (partitioned) {
			installTemplate(alias, target, body);
		}
		List<String> current = indicesBehind(alias);
		if (current.isEmpty()) {
			body.putObject("aliases").putObject(alias);
			RawRequests.RawResponse created = this.requests.send("PUT", "/" + target, body.toString()).block();
			if (!created.ok() && !created.body().contains("resource_already_exists_exception")) {
				created.orFail("Creating index " + target);
			}
			log.info("Created index " + target + " behind alias " + alias);
		}
		else if (current.stream().anyMatch(index -> index.equals(target) || index.startsWith(target + "-"))) {
			// Every index of this version behind the alias: the first and any later
			// generation.
			this.requests.send("PUT", "/" + alias + "/_mapping", definition.path("mappings").toString())
				.block()
				.orFail("Updating the mapping of " + alias);
			this.requests
				.send("PUT", "/" + alias + "/_settings", "{\"index\":{\"number_of_replicas\":" + this.replicas + "}}")
				.block()
				.orFail("Setting the replicas of " + alias);
		}
		else {
			migrate(alias, current, target, body);
		}
	}

	/**
	 * Later generations of a time-partitioned index ({@code <target>-<from>}) are created
	 * with just their time range: the template gives them the settings, mappings and
	 * alias.
	 */
	private void installTemplate(String alias, String target, ObjectNode body) {
		ObjectNode template = this.json.createObjectNode();
		template.putArray("index_patterns").add(target + "-*");
		ObjectNode inner = body.deepCopy();
		inner.putObject("aliases").putObject(alias);
		template.set("template", inner);
		template.put("priority", 100);
		this.requests.send("PUT", "/_index_template/" + alias, template.toString())
			.block()
			.orFail("Installing the index template of " + alias);
	}

	private void migrate(String alias, List<String> current, String target, ObjectNode body) {
		log.info("Migrating " + alias + " from " + current + " to " + target);
		this.requests.send("PUT", "/" + target, body.toString()).block().orFail("Creating index " + target);
		ObjectNode reindex = this.json.createObjectNode();
		reindex.putObject("source")
			.putArray("index")
			.addAll(current.stream().map(this.json::valueToTree).map(JsonNode.class::cast).toList());
		reindex.putObject("dest").put("index", target);
		this.requests.send("POST", "/_reindex?wait_for_completion=true&refresh=true", reindex.toString())
			.block()
			.orFail("Reindexing " + current + " into " + target);
		ObjectNode actions = this.json.createObjectNode();
		var list = actions.putArray("actions");
		for (String old : current) {
			list.addObject().putObject("remove").put("index", old).put("alias", alias);
		}
		list.addObject().putObject("add").put("index", target).put("alias", alias);
		this.requests.send("POST", "/_aliases", actions.toString()).block().orFail("Moving alias " + alias);
		log.info("Alias " + alias + " now points at " + target + "; the old index is kept until removed by hand");
	}

	private List<String> indicesBehind(String alias) {
		RawRequests.RawResponse response = this.requests.send("GET", "/_alias/" + alias, null).block();
		if (response.status() == 404) {
			return List.of();
		}
		response.orFail("Reading alias " + alias);
		try {
			List<String> names = new ArrayList<>();
			for (Iterator<String> it = this.json.readTree(response.body()).fieldNames(); it.hasNext();) {
				names.add(it.next());
			}
			if (names.contains(alias)) {
				throw new IllegalStateException("An index named " + alias
						+ " exists where Chatwarden expects an alias; rename or delete it (was it auto-created?)");
			}
			return names;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
