package io.chatwarden.nodeauth;

import org.opensearch.core.rest.RestStatus;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.transport.client.node.NodeClient;

/**
 * A REST handler that runs only for requests carrying the node's credential; any other
 * request gets a bare 401 that says nothing about the node.
 */
final class AuthenticatedHandler extends RestHandler.Wrapper {

	private static final String CHALLENGE = "Basic realm=\"chatwarden-node\"";

	private final NodeCredential credential;

	AuthenticatedHandler(RestHandler delegate, NodeCredential credential) {
		super(delegate);
		this.credential = credential;
	}

	@Override
	public void handleRequest(RestRequest request, RestChannel channel, NodeClient client) throws Exception {
		if (this.credential.accepts(request.header("Authorization"))) {
			super.handleRequest(request, channel, client);
			return;
		}
		BytesRestResponse refusal = new BytesRestResponse(RestStatus.UNAUTHORIZED,
				BytesRestResponse.TEXT_CONTENT_TYPE, new byte[0]);
		refusal.addHeader("WWW-Authenticate", CHALLENGE);
		channel.sendResponse(refusal);
	}

}
