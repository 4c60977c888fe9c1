package io.chatwarden.files;

import java.util.List;

import io.chatwarden.system.Connection.PageInfo;

/** A page of files matching a search. */
record FileSearchConnection(long totalCount, List<FileSearchEdge> edges, PageInfo pageInfo) {
}
