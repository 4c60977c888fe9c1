package io.chatwarden.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

	@Test
	void shouldQuoteSeparatorsQuotesAndLineBreaks() {
		assertThat(Csv.line(List.of("a,b", "say \"hi\"", "two\nlines", "plain")))
			.isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain\r\n");
	}

	@Test
	void shouldDefuseCellsASpreadsheetWouldRunAsFormulas() {
		assertThat(Csv.cell("=HYPERLINK(\"http://evil\",\"x\")"))
			.isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
		assertThat(Csv.cell("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
		assertThat(Csv.cell("@SUM(1)")).isEqualTo("'@SUM(1)");
		assertThat(Csv.cell("-2+3")).isEqualTo("'-2+3");
		assertThat(Csv.cell("2026-11-22T06:03:07Z")).isEqualTo("2026-11-22T06:03:07Z");
	}

	@Test
	void shouldJoinListsIntoOneCell() {
		assertThat(Csv.cell(List.of("python", "browser"))).isEqualTo("python | browser");
		assertThat(Csv.cell(null)).isEmpty();
	}

}
