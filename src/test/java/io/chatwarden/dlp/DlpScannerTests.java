package io.chatwarden.dlp;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.chatwarden.conversation.DlpMatch;
import io.chatwarden.simulator.PlantedSecret;
import io.chatwarden.simulator.PlantedSecret.Kind;
import io.chatwarden.simulator.SimulatedWorkspace;
import io.chatwarden.simulator.SimulatorProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Detectors on the simulator's planted values and their near-misses. */
class DlpScannerTests {

	private static final Map<Kind, String> CONTEXT = Map.ofEntries(Map.entry(Kind.OPENAI_KEY, "key: "),
			Map.entry(Kind.AWS_ACCESS_KEY, "aws_access_key_id = "), Map.entry(Kind.AWS_EXAMPLE_KEY, "the docs show "),
			Map.entry(Kind.PRIVATE_KEY, "this key:\n"), Map.entry(Kind.JWT, "token "),
			Map.entry(Kind.CARD_VALID, "card "), Map.entry(Kind.CARD_INVALID, "Is "), Map.entry(Kind.SSN_VALID, "SSN "),
			Map.entry(Kind.SSN_INVALID, "SSN "), Map.entry(Kind.IBAN_VALID, "IBAN "),
			Map.entry(Kind.IBAN_INVALID, "transfer to "), Map.entry(Kind.EMAIL, "email "),
			Map.entry(Kind.PHONE, "or call "));

	private static final Map<Kind, String> EXPECTED = Map.ofEntries(Map.entry(Kind.OPENAI_KEY, "openai-api-key"),
			Map.entry(Kind.AWS_ACCESS_KEY, "aws-access-key"), Map.entry(Kind.PRIVATE_KEY, "private-key"),
			Map.entry(Kind.JWT, "jwt"), Map.entry(Kind.CARD_VALID, "credit-card"), Map.entry(Kind.SSN_VALID, "us-ssn"),
			Map.entry(Kind.IBAN_VALID, "iban"), Map.entry(Kind.EMAIL, "email"), Map.entry(Kind.PHONE, "phone"));

	final DlpProperties properties = new DlpProperties(true, null, "test-salt", null);

	final DlpScanner scanner = new DlpScanner(new DetectorCatalog(this.properties), this.properties);

	@Test
	void shouldFindEveryPlantedValueAndNoNearMiss() {
		List<PlantedSecret> planted = new SimulatedWorkspace(SimulatorProperties.defaults().withConversations(60),
				Clock.systemUTC())
			.plantedSecrets();
		assertThat(planted).extracting(PlantedSecret::kind).contains(Kind.values());
		for (PlantedSecret secret : planted) {
			String text = CONTEXT.get(secret.kind()) + secret.value() + ". Thanks!";
			DlpResult result = this.scanner.scan(text);
			List<String> detectors = result.matches().stream().map(DlpMatch::detector).toList();
			String expected = EXPECTED.get(secret.kind());
			assertThat(detectors).as(secret.kind() + " in " + text.length() + " chars")
				.isEqualTo(expected == null ? List.of() : List.of(expected));
			if (expected != null) {
				assertThat(result.redactedText()).doesNotContain(secret.value());
				assertThat(result.matches().get(0).masked()).isNotEqualTo(secret.value());
			}
		}
	}

	@Test
	void shouldHashTheSameValueAlikeWhateverTheSpacingAndCountRepeats() {
		DlpResult spaced = this.scanner.scan("card 4111 1111 1111 1129 and again card 4111-1111-1111-1129");
		assertThat(spaced.matches()).hasSize(1);
		assertThat(spaced.matches().get(0).count()).isEqualTo(2);
		assertThat(spaced.matches().get(0).masked()).isEqualTo("********1129");
	}

	@Test
	void shouldApplyGenericSecretsWithEntropyAndStopwords() {
		assertThat(detectors("password = Zr8#kq2!Lp0vX")).containsExactly("generic-secret");
		assertThat(detectors("password = changeme123")).isEmpty();
		assertThat(detectors("password: aaaaaaaaaaaa")).isEmpty();
	}

	@Test
	void shouldLetAnOrganizationAddItsOwnDetector(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		java.nio.file.Path file = dir.resolve("detectors.json");
		java.nio.file.Files.writeString(file, """
				{"stoplist": ["EMP-000000"], "detectors": [{"id": "employee-id", "name": "Employee id",
				 "severity": "MEDIUM", "category": "pii", "pattern": "EMP-\\\\d{6}", "keywords": ["emp-"]}]}
				""");
		DlpProperties custom = new DlpProperties(true, file, "s", null);
		DlpScanner scanner = new DlpScanner(new DetectorCatalog(custom), custom);
		assertThat(scanner.scan("badge EMP-123456, not EMP-000000").matches()).extracting(DlpMatch::detector)
			.containsExactly("employee-id");
	}

	@Test
	void shouldStillFindValuesWithJustTheDigitsTheirPrefiltersAskFor() {
		// 13 digits (credit-card), 9 (us-ssn and phone): the fewest each pattern matches.
		assertThat(detectors("card 4222222222222 expires")).containsExactly("credit-card");
		assertThat(detectors("SSN 536-22-1234 on file")).containsExactly("us-ssn");
		assertThat(detectors("or call 20 123 4567 today")).containsExactly("phone");
		// A phone number needs a context word before it: none in the text, no pattern
		// run.
		assertThat(detectors("the range 20 123 4567 again")).isEmpty();
	}

	@Test
	void shouldSkipADetectorWhenTheTextHoldsFewerDigitsThanItsMinimum(
			@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Path file = dir.resolve("detectors.json");
		java.nio.file.Files.writeString(file, """
				{"detectors": [{"id": "ticket", "name": "Ticket", "severity": "LOW", "category": "pii",
				 "pattern": "T-\\\\d{3}", "minDigits": 4}]}
				""");
		DlpProperties custom = new DlpProperties(true, file, "s", null);
		DlpScanner scanner = new DlpScanner(new DetectorCatalog(custom), custom);
		assertThat(scanner.scan("see T-123").matches()).isEmpty();
		assertThat(scanner.scan("see T-123 in room 4").matches()).extracting(DlpMatch::detector)
			.containsExactly("ticket");
	}

	private List<String> detectors(String text) {
		return this.scanner.scan(text).matches().stream().map(DlpMatch::detector).collect(Collectors.toList());
	}

}
