package io.chatwarden.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.chatwarden.simulator.PlantedSecret.Kind;

/**
 * The texts planted at fixed small conversation indices (all below 60, so they exist at
 * every size of at least 60 conversations). Each planted text replaces the first user
 * message of its conversation.
 */
final class PlantedData {

	private static final long STREAM = 20;

	/** A value of a kind inside a planted text. */
	record Spec(int index, Kind kind, String value) {
	}

	/** A needle phrase by conversation indices. */
	record NeedleSpec(String phrase, List<Integer> indices, List<Integer> scattered) {
	}

	final Map<Integer, String> texts = new HashMap<>();

	final List<Spec> secrets = new ArrayList<>();

	final List<NeedleSpec> needles = new ArrayList<>();

	PlantedData(long seed) {
		SplittableRandom rng = Seeds.rng(seed, STREAM);
		String openAiKey = "sk-proj-" + Seeds.alnum(rng, 20) + "T3BlbkFJ" + Seeds.alnum(rng, 20);
		plant(3, "My script fails with a 401. This is how I create the client: client = OpenAI(api_key=\"" + openAiKey
				+ "\"). What am I doing wrong?", Kind.OPENAI_KEY, openAiKey);
		plant(41, "The container still can't reach the API even though I set OPENAI_API_KEY=" + openAiKey
				+ " in the deployment. Why?", Kind.OPENAI_KEY, openAiKey);
		String aws = "AKIA" + Seeds.upperAlnum(rng, 16);
		plant(5, "Our boto3 upload fails with AccessDenied. Config is aws_access_key_id = " + aws
				+ " and region eu-west-1. Which policy is missing?", Kind.AWS_ACCESS_KEY, aws);
		plant(8, "The AWS docs show AKIAIOSFODNN7EXAMPLE as the access key id in the credentials file. Where do I put mine?",
				Kind.AWS_EXAMPLE_KEY, "AKIAIOSFODNN7EXAMPLE");
		String pem = pem(rng);
		plant(10, "Why does ssh reject this key with 'invalid format'?\n" + pem, Kind.PRIVATE_KEY, pem);
		String jwt = jwt(rng);
		plant(12, "Decode this token and tell me when it expires: " + jwt, Kind.JWT, jwt);
		String card = card(rng, true);
		plant(14, "A customer says card " + card + " was charged twice on the last invoice. Draft an apology.",
				Kind.CARD_VALID, card);
		String badCard = card(rng, false);
		plant(16, "Is " + badCard + " a valid card number for testing our checkout form?", Kind.CARD_INVALID, badCard);
		String ssn = (100 + rng.nextInt(565)) + "-" + (10 + rng.nextInt(90)) + "-" + (1000 + rng.nextInt(9000));
		plant(18, "Fill in the onboarding form for the new hire, SSN " + ssn + ", starting next Monday.",
				Kind.SSN_VALID, ssn);
		plant(20, "The payroll form rejected SSN 000-12-3456. Is that number even possible?", Kind.SSN_INVALID,
				"000-12-3456");
		String ssn666 = "666-" + (10 + rng.nextInt(90)) + "-" + (1000 + rng.nextInt(9000));
		plant(21, "HR typed " + ssn666 + " into the benefits portal and it bounced. What's wrong with it?",
				Kind.SSN_INVALID, ssn666);
		String bban = digits(rng, 18);
		String iban = iban("DE", bban);
		plant(22, "Set up the rent payment to IBAN " + iban + " for the Berlin office, monthly from the first.",
				Kind.IBAN_VALID, iban);
		String badBban = (bban.charAt(5) == '9' ? bban.substring(0, 5) + "0"
				: bban.substring(0, 5) + (char) (bban.charAt(5) + 1)) + bban.substring(6);
		// Same check digits, one BBAN digit changed: the mod-97 check now fails.
		String badIban = grouped(iban.replace(" ", "").substring(0, 4) + badBban);
		plant(24, "The bank bounced the transfer to " + badIban + ". Can you spot the typo?", Kind.IBAN_INVALID,
				badIban);
		String email = "j.moreau.consulting@gmail.com";
		String phone = "(415) 555-0198";
		plant(26, "Please email the supplier at " + email + " or call " + phone + " to confirm the delivery window.",
				Kind.EMAIL, email);
		this.secrets.add(new Spec(26, Kind.PHONE, phone));
		String ukPhone = "+44 20 7946 0958";
		plant(28, "The London office number is " + ukPhone + ". Draft a voicemail greeting for it.", Kind.PHONE,
				ukPhone);

		needle(List.of(7, 33),
				"Reminder for the archive: the code name of this initiative is quantum pineapple ledger, keep it internal.",
				"quantum pineapple ledger");
		needle(List.of(11), "Draft a kickoff note for velvet thunder okapi, our new vendor onboarding project.",
				"velvet thunder okapi");
		needle(List.of(31),
				"What does marzipan escrow lighthouse mean in the contract annex? Nobody on the team knows.",
				"marzipan escrow lighthouse");
		needle(List.of(17), "Summarise the copper falcon sonata brief in three bullets for the steering group.",
				"copper falcon sonata");
		// The same three words, apart: a phrase query must not match conversation 19.
		this.texts.put(19,
				"We replaced the copper cabling last week. A falcon nesting on the roof delayed the crew, and someone played a piano sonata in the lobby all afternoon. Write this up as a status update.");
		this.needles.set(this.needles.size() - 1, new NeedleSpec("copper falcon sonata", List.of(17), List.of(19)));
	}

	private void plant(int index, String text, Kind kind, String value) {
		this.texts.put(index, text);
		this.secrets.add(new Spec(index, kind, value));
	}

	private void needle(List<Integer> indices, String text, String phrase) {
		indices.forEach((i) -> this.texts.put(i, text));
		this.needles.add(new NeedleSpec(phrase, indices, List.of()));
	}

	private static String digits(SplittableRandom rng, int n) {
		StringBuilder sb = new StringBuilder(n);
		for (int i = 0; i < n; i++) {
			sb.append((char) ('0' + rng.nextInt(10)));
		}
		return sb.toString();
	}

	/**
	 * Visa-shaped number, grouped by four, with a right or deliberately wrong Luhn digit.
	 */
	private static String card(SplittableRandom rng, boolean valid) {
		String body = "4" + digits(rng, 14);
		int sum = 0;
		for (int i = 0; i < body.length(); i++) {
			int d = body.charAt(body.length() - 1 - i) - '0';
			if (i % 2 == 0) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
		}
		int check = (10 - sum % 10) % 10;
		if (!valid) {
			check = (check + 1 + rng.nextInt(9)) % 10;
		}
		String number = body + check;
		return number.substring(0, 4) + " " + number.substring(4, 8) + " " + number.substring(8, 12) + " "
				+ number.substring(12);
	}

	/** A country code and BBAN with the mod-97 check digits computed, in print format. */
	static String iban(String country, String bban) {
		String rearranged = bban + (country.charAt(0) - 'A' + 10) + (country.charAt(1) - 'A' + 10) + "00";
		int mod = new java.math.BigInteger(rearranged).mod(java.math.BigInteger.valueOf(97)).intValue();
		int check = 98 - mod;
		return grouped(country + ((check < 10) ? "0" : "") + check + bban);
	}

	private static String grouped(String compact) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < compact.length(); i += 4) {
			if (i > 0) {
				sb.append(' ');
			}
			sb.append(compact, i, Math.min(i + 4, compact.length()));
		}
		return sb.toString();
	}

	private static String pem(SplittableRandom rng) {
		StringBuilder sb = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
		byte[] bytes = new byte[48];
		for (int line = 0; line < 6; line++) {
			rng.nextBytes(bytes);
			sb.append(Base64.getEncoder().encodeToString(bytes)).append('\n');
		}
		return sb.append("-----END RSA PRIVATE KEY-----").toString();
	}

	private static String jwt(SplittableRandom rng) {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = b64.encodeToString(("{\"sub\":\"" + (100000 + rng.nextInt(900000))
				+ "\",\"name\":\"Service Account\",\"iat\":1735689600,\"exp\":1767225600}")
			.getBytes(StandardCharsets.UTF_8));
		byte[] sig = new byte[32];
		rng.nextBytes(sig);
		return header + "." + payload + "." + b64.encodeToString(sig);
	}

}
