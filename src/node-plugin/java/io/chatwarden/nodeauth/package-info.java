/**
 * An OpenSearch node plugin, built apart from the app and installed into the embedded
 * node: every REST request must carry the node's Basic credential. Compiled against the
 * OpenSearch server jar, which never reaches the app's class path.
 */
package io.chatwarden.nodeauth;
