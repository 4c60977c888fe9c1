package io.chatwarden.files;

/**
 * What one fetch run did.
 *
 * @param listed files listed from the synced GPTs and messages
 * @param fetched pending files it tried
 * @param indexed of those, files whose text is now searchable
 * @param millis how long it took
 */
public record FileRun(long listed, long fetched, long indexed, long millis) {
}
