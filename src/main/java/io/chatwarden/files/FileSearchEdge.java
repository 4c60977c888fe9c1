package io.chatwarden.files;

import java.util.List;

/** A matching file, its cursor and highlighted snippets. */
record FileSearchEdge(String cursor, StoredFileDocument node, List<String> highlights) {
}
