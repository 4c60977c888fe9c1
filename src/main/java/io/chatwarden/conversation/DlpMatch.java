package io.chatwarden.conversation;

/**
 * What a DLP detector found in a message, without the value itself.
 *
 * @param detector the detector id, e.g. {@code aws-access-key}
 * @param severity the detector's severity
 * @param masked a preview that cannot be used, e.g. {@code AKIA************WXYZ}
 * @param hash a salted hash of the value, to link the same value across conversations
 * @param count how many times the value occurs in the message
 */
public record DlpMatch(String detector, String severity, String masked, String hash, int count) {
}
