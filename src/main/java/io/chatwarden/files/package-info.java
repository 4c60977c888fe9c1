/**
 * Files: GPT knowledge files and chat attachments, listed from the synced copy, fetched
 * after each sync (streamed to a temporary file under size caps), their text extracted
 * with Apache Tika off the event loop, scanned by DLP, indexed and searchable.
 */
package io.chatwarden.files;
