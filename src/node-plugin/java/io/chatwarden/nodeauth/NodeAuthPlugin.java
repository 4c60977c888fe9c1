package io.chatwarden.nodeauth;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.rest.RestHandler;
import org.opensearch.rest.RestHeaderDefinition;

/**
 * Wraps every REST handler of the node so that it answers only requests with the node's
 * Basic credential. The credential is read once at startup from
 * {@code <config>/chatwarden-node-auth/credential}; without it the node does not start
 * (closed rather than open).
 */
public class NodeAuthPlugin extends Plugin implements ActionPlugin {

	static final String NAME = "chatwarden-node-auth";

	private final NodeCredential credential;

	public NodeAuthPlugin(Settings settings, Path configPath) {
		this.credential = NodeCredential.read(configPath.resolve(NAME).resolve("credential"));
	}

	@Override
	public UnaryOperator<RestHandler> getRestHandlerWrapper(ThreadContext threadContext,
			Set<RestHeaderDefinition> headersToCopy) {
		return handler -> new AuthenticatedHandler(handler, this.credential);
	}

}
