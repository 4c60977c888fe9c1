package io.chatwarden.simulator;

/**
 * A sensitive value planted verbatim in one message's text, for detector tests.
 *
 * @param conversationId the conversation holding it
 * @param messageId the message whose {@code content.value} contains {@code value}
 * @param kind what it is, and for near-misses that it should not match
 * @param value the exact text planted
 */
public record PlantedSecret(String conversationId, String messageId, Kind kind, String value) {

	/**
	 * What a planted value is. The {@code _INVALID}/{@code EXAMPLE} kinds are
	 * near-misses.
	 */
	public enum Kind {

		/**
		 * An OpenAI project key ({@code sk-proj-…T3BlbkFJ…}); planted in two
		 * conversations.
		 */
		OPENAI_KEY,
		/** An AWS access key id ({@code AKIA} + 16 upper-case alphanumerics). */
		AWS_ACCESS_KEY,
		/**
		 * The AWS documentation example key {@code AKIAIOSFODNN7EXAMPLE}: a near-miss.
		 */
		AWS_EXAMPLE_KEY,
		/** A PEM private key block, BEGIN to END line. */
		PRIVATE_KEY,
		/** A JSON Web Token (three base64url parts). */
		JWT,
		/** A 16-digit card number that passes Luhn. */
		CARD_VALID,
		/** A 16-digit card number that fails Luhn. */
		CARD_INVALID,
		/** A possible US SSN. */
		SSN_VALID,
		/** An SSN no one can hold (area 000 or 666). */
		SSN_INVALID,
		/** An IBAN whose mod-97 check holds. */
		IBAN_VALID,
		/** An IBAN-shaped value whose mod-97 check fails. */
		IBAN_INVALID,
		/** An email address in message text. */
		EMAIL,
		/** A phone number in message text. */
		PHONE

	}

}
