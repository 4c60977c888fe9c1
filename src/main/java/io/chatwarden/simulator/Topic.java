package io.chatwarden.simulator;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One subject people bring to ChatGPT: templates with {@code {slot}} placeholders filled
 * from word lists, so that thousands of conversations read differently.
 */
record Topic(String name, List<String> titles, List<String> openers, List<String> followUps, List<String> replies,
		Map<String, List<String>> slots) {

	private static final Pattern SLOT = Pattern.compile("\\{([a-z]+)}");

	/** Fills every placeholder; topic slots first, then the shared ones. */
	String fill(String template, SplittableRandom rng) {
		Matcher m = SLOT.matcher(template);
		StringBuilder sb = new StringBuilder(template.length() + 32);
		while (m.find()) {
			String key = m.group(1);
			List<String> values = this.slots.getOrDefault(key, TextCorpus.SHARED.get(key));
			String value = (values != null) ? values.get(rng.nextInt(values.size())) : key;
			m.appendReplacement(sb, Matcher.quoteReplacement(value));
		}
		m.appendTail(sb);
		return sb.toString();
	}

	String title(SplittableRandom rng) {
		return fill(Seeds.oneOf(rng, this.titles), rng);
	}

	String followUp(SplittableRandom rng) {
		return fill(Seeds.oneOf(rng, this.followUps), rng);
	}

	/**
	 * A reply of one or two paragraphs between an intro and a closing line. The openers
	 * and replies lists are parallel: {@code answering} picks the reply that fits opener
	 * {@code answering} (or any, when -1); a second paragraph never repeats the first.
	 */
	String reply(SplittableRandom rng, int answering) {
		int size = this.replies.size();
		int first = (answering >= 0 && answering < size) ? answering : rng.nextInt(size);
		StringBuilder sb = new StringBuilder(fill(Seeds.oneOf(rng, TextCorpus.REPLY_INTROS), rng));
		sb.append(' ').append(fill(this.replies.get(first), rng));
		if (size > 1 && rng.nextInt(3) == 0) {
			int second = (first + 1 + rng.nextInt(size - 1)) % size;
			sb.append("\n\n").append(fill(this.replies.get(second), rng));
		}
		sb.append("\n\n").append(fill(Seeds.oneOf(rng, TextCorpus.REPLY_CLOSINGS), rng));
		return sb.toString();
	}

}
