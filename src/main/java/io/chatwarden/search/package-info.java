/**
 * Full-text conversation search: the query-text parser, collapsed and highlighted result
 * pages, facets, saved searches and streamed export.
 */
package io.chatwarden.search;
