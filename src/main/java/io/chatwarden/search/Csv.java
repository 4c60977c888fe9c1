package io.chatwarden.search;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * RFC 4180 lines: a field holding a comma, quote, CR or LF is quoted, quotes doubled.
 * Lists become one cell, values joined by {@code " | "}, so columns never shift. A cell
 * that a spreadsheet would run as a formula (it starts with {@code = + - @}, tab or CR)
 * gets a leading apostrophe: exported chat text is attacker-controlled.
 */
final class Csv {

	static final String LIST_SEPARATOR = " | ";

	private Csv() {
	}

	static String line(List<?> values) {
		return values.stream().map(Csv::cell).collect(Collectors.joining(",", "", "\r\n"));
	}

	static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String text = (value instanceof Collection<?> list)
				? list.stream().map(Objects::toString).collect(Collectors.joining(LIST_SEPARATOR)) : value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
				|| text.indexOf('\r') >= 0;
		return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
	}

}
