package io.chatwarden.simulator;

import java.time.Instant;
import java.util.List;

import io.chatwarden.simulator.GptState.KnowledgeFile;

/**
 * The knowledge files planted on the first three GPTs, one per case a file fetcher must
 * handle: real PDF, DOCX and XLSX text (the PDF holding a secret), an expired file, an
 * oversized one and a corrupt one. They are added without drawing from the seeded random
 * streams, so every other generated value stays as it was.
 */
public final class PlantedFiles {

	/** A PDF runbook with {@link #RUNBOOK_SECRET} and {@link #RUNBOOK_PHRASE} in it. */
	public static final String RUNBOOK_PDF = "file-PlantedRunbookPdf00000001";

	/** A DOCX with {@link #PLAYBOOK_PHRASE}. */
	public static final String PLAYBOOK_DOCX = "file-PlantedPlaybookDocx000002";

	/** An XLSX whose cells hold {@link #FORECAST_PHRASE}. */
	public static final String FORECAST_XLSX = "file-PlantedForecastXlsx000003";

	/** Answers 410: OpenAI no longer keeps it. */
	public static final String EXPIRED_PDF = "file-PlantedExpiredPdf0000004";

	/** Larger than any sensible per-file cap (streamed, no length announced). */
	public static final String OVERSIZED_PDF = "file-PlantedOversizedPdf00005";

	/** Starts like a PDF, then is garbage. */
	public static final String CORRUPT_PDF = "file-PlantedCorruptPdf0000006";

	/** An AWS access key id written into the runbook PDF. */
	public static final String RUNBOOK_SECRET = "AKIAZ7QRUNB00K4F1LE2";

	public static final String RUNBOOK_PHRASE = "vendor reconciliation runbook";

	public static final String PLAYBOOK_PHRASE = "tangerine discount ladder";

	public static final String FORECAST_PHRASE = "marigold region";

	/** Bytes the oversized file streams. */
	public static final long OVERSIZED_BYTES = 64L * 1024 * 1024;

	private PlantedFiles() {
	}

	/** The planted files of the GPT generated {@code j}-th (none past the third). */
	static List<KnowledgeFile> forGpt(int j, Instant created) {
		return switch (j) {
			case 0 -> List.of(new KnowledgeFile(RUNBOOK_PDF, "vendor-runbook.pdf", created.plusSeconds(600)));
			case 1 -> List.of(new KnowledgeFile(PLAYBOOK_DOCX, "pricing-playbook.docx", created.plusSeconds(600)),
					new KnowledgeFile(FORECAST_XLSX, "regional-forecast.xlsx", created.plusSeconds(660)));
			case 2 -> List.of(new KnowledgeFile(EXPIRED_PDF, "retired-policy.pdf", created.plusSeconds(600)),
					new KnowledgeFile(OVERSIZED_PDF, "scanned-archive.pdf", created.plusSeconds(660)),
					new KnowledgeFile(CORRUPT_PDF, "broken-notes.pdf", created.plusSeconds(720)));
			default -> List.of();
		};
	}

}
