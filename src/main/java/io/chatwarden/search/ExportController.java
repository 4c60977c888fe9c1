package io.chatwarden.search;

import java.util.concurrent.atomic.AtomicLong;

import io.chatwarden.audit.AuditLog;
import io.chatwarden.security.Callers;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.chatwarden.conversation.ConversationFilter;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/export/search}: every message matching a search as NDJSON or CSV,
 * streamed as it is read (no 10,000-row cap, nothing held in memory). Parameters are
 * those of {@code searchConversations}: {@code query}, filters as repeated parameters;
 * {@code sort=recent} orders rows newest conversation first, each in reading order, and
 * without it rows come in the index's order, the fastest.
 */
@RestController
class ExportController {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final ExportGateway gateway;

	private final AuditLog audit;

	ExportController(ExportGateway gateway, AuditLog audit) {
		this.gateway = gateway;
		this.audit = audit;
	}

	@GetMapping("/api/export/search")
	ResponseEntity<Flux<DataBuffer>> export(@RequestParam(defaultValue = "") String query,
			@RequestParam(defaultValue = "ndjson") String format,
			@RequestParam(required = false) List<String> userEmails,
			@RequestParam(required = false) List<String> gptIds, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(required = false) List<String> roles,
			@RequestParam(required = false) List<String> tools, @RequestParam(required = false) Boolean hasDlpMatch,
			@RequestParam(required = false) String sort) {
		boolean csv = "csv".equalsIgnoreCase(format);
		if (!csv && !"ndjson".equalsIgnoreCase(format)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format must be ndjson or csv, was " + format);
		}
		boolean recent = "recent".equalsIgnoreCase(sort);
		if (sort != null && !recent) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"sort must be recent, or left out for the index's order; was " + sort);
		}
		SearchSpec spec = new SearchSpec(query,
				new ConversationFilter(userEmails, gptIds, from, to, roles, tools, hasDlpMatch),
				recent ? SearchSort.RECENT : null);
		AtomicLong exported = new AtomicLong();
		Flux<DataBuffer> pages = this.gateway.rows(spec, recent)
			.concatMapIterable(ExportLines::chunks, 1)
			.doOnNext(rows -> exported.addAndGet(rows.size()))
			.map(rows -> csv ? ExportLines.csv(rows) : ExportLines.ndjson(rows));
		Flux<DataBuffer> buffers = csv ? Flux.concat(Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance
			.wrap(Csv.line(ExportRow.COLUMNS).getBytes(StandardCharsets.UTF_8))), pages) : pages;
		// An entry when the export starts, with its filters, and one when it ends: with
		// the rows the caller received, whether it completed, failed or was stopped
		// early.
		AuditLog.Entry entry = AuditLog.Entry.of("export")
			.query(query)
			.filters(AuditedFilters.of(spec.filter(), recent ? SearchSort.RECENT : null))
			.target(format.toLowerCase(java.util.Locale.ROOT));
		Flux<DataBuffer> body = Callers.current()
			.flatMapMany(
					caller -> this.audit.record(caller, entry.action("export.start"))
						.thenMany(buffers)
						.concatWith(Mono.defer(() -> this.audit.record(caller, entry.resultCount(exported.get())))
							.then(Mono.empty()))
						.onErrorResume(ex -> this.audit
							.record(caller,
									entry.resultCount(exported.get())
										.outcome("failed: " + ex.getClass().getSimpleName()))
							.then(Mono.error(ex)))
						.doOnCancel(
								() -> this.audit.record(caller, entry.resultCount(exported.get()).outcome("cancelled"))
									.subscribe()));
		return ResponseEntity.ok()
			.contentType(csv ? CSV : MediaType.APPLICATION_NDJSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"chatwarden-search." + (csv ? "csv" : "ndjson") + "\"")
			.body(body);
	}

}
